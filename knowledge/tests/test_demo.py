"""The demo's knowledge base: fictional articles in German and English, linked both ways with offers."""

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from events.models import Event
from knowledge.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("seed_demo", verbosity=0)


def test_demo_has_published_articles_in_both_languages_and_a_draft(demo, client):
    published = Article.objects.published()
    assert published.filter(language="de").count() >= 4
    assert published.filter(language="en").count() >= 2
    draft = Article.objects.get(status=Article.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert all(article.revisions.count() == 1 for article in Article.objects.all())
    page = client.get("/wissen/").content.decode()
    assert f"{published.count()} Artikel gefunden" in page


def test_demo_article_has_a_real_pdf_and_links_to_upcoming_offers(demo, client):
    article = Article.objects.get(title="Das Asylverfahren in Deutschland – ein Überblick")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Merkblatt: Stationen des Asylverfahrens</a> (PDF, " in page
    assert "Passende Angebote" in page and "Zu diesen Themen gibt es gerade keine Angebote." not in page
    download = article.downloads.get()
    body = b"".join(client.get(download.get_absolute_url()).streaming_content)
    reader = PdfReader(io.BytesIO(body), strict=True)
    assert reader.pages[0].extract_text() == "Stationen des Asylverfahrens (Demo-Merkblatt)"


def test_demo_event_pages_link_the_articles_on_their_topics(demo, client):
    event = Event.objects.listed().upcoming().filter(topics__slug="asylverfahren").first()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Hintergrundwissen zum Thema" in page
    assert "Das Asylverfahren in Deutschland – ein Überblick" in page
