"""Public knowledge-base pages: only published articles, folded search, topic and language filters,
paging, downloads, links to upcoming offers and from event pages, the sitemap; fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from events.testing import make_event, make_topic
from knowledge.services import unpublish_article
from knowledge.testing import PDF_BYTES, make_article, make_download

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_list_shows_only_published_articles(client):
    make_article(title="Das Asylverfahren in Kürze")
    make_article(title="Noch ein Entwurf", published=False)
    withdrawn = make_article(title="Zurückgezogen")
    unpublish_article(actor=None, article=withdrawn)

    page = client.get("/wissen/").content.decode()

    assert "Das Asylverfahren in Kürze" in page
    assert "1 Artikel gefunden" in page
    assert "Noch ein Entwurf" not in page
    assert "Zurückgezogen" not in page


@pytest.mark.parametrize("typed", ["Ärzte", "aerzte", "ARZTE", "Ärzte Gesundheitskarte", "gesundheitskarte ärzte"])
def test_search_is_folded_like_the_catalogue_and_matches_word_by_word(client, typed):
    make_article(title="Gesundheitsversorgung", body="Mit der Gesundheitskarte zu Ärztinnen und Ärzten.")
    make_article(title="Wohnen", body="Gemeinschaftsunterkunft und eigene Wohnung.")

    page = client.get("/wissen/", {"q": typed}).content.decode()

    if typed == "ARZTE":  # "arzte" is not "aerzte": umlauts fold to ae, as in Event.search_text
        assert "0 Artikel gefunden" in page
        return
    assert "Gesundheitsversorgung" in page
    assert "Wohnen" not in page


def test_search_finds_topic_names_in_both_languages(client):
    make_article(title="Rechtliche Grundlagen", topics=[make_topic()])
    assert "Rechtliche Grundlagen" in client.get("/wissen/", {"q": "asylum"}).content.decode()
    assert "Rechtliche Grundlagen" in client.get("/wissen/", {"q": "asylverfahren"}).content.decode()


def test_topic_and_language_filters(client):
    asylum, work = make_topic(), make_topic(slug="arbeit", name="Arbeitsmarkt", name_en="Labour market")
    make_article(title="Ablauf des Asylverfahrens", topics=[asylum])
    make_article(title="The asylum procedure", language="en", topics=[asylum])
    make_article(title="Arbeitserlaubnis", topics=[work])

    by_topic = client.get("/wissen/", {"thema": "asylverfahren"}).content.decode()
    assert "Ablauf des Asylverfahrens" in by_topic and "The asylum procedure" in by_topic
    assert "Arbeitserlaubnis" not in by_topic
    assert "Thema: Asylverfahren" in by_topic  # the chip naming the filter

    english = client.get("/wissen/", {"thema": "asylverfahren", "sprache": "en"}).content.decode()
    assert "The asylum procedure" in english
    assert "Ablauf des Asylverfahrens" not in english
    assert '<h3 class="card__title" lang="en">' in english


def test_a_bad_filter_value_is_dropped_with_a_note(client):
    make_article(title="Ablauf des Asylverfahrens")
    page = client.get("/wissen/", {"thema": "gibt-es-nicht", "sprache": "xx", "seite": "99"}).content.decode()
    assert "Ablauf des Asylverfahrens" in page
    assert "Der Filter „Thema“ hatte einen ungültigen Wert" in page
    assert "Der Filter „Sprache“ hatte einen ungültigen Wert" in page


def test_only_topics_of_published_articles_are_offered_as_filters(client):
    make_article(topics=[make_topic()])
    make_article(published=False, topics=[make_topic(slug="wohnen", name="Wohnen", name_en="Housing")])
    page = client.get("/wissen/").content.decode()
    assert 'value="asylverfahren"' in page
    assert 'value="wohnen"' not in page


def test_the_list_pages_by_twenty(client):
    for n in range(25):
        make_article(title=f"Artikel {n:02d}")
    first = client.get("/wissen/").content.decode()
    second = client.get("/wissen/", {"seite": "2"}).content.decode()
    assert "25 Artikel gefunden" in first
    assert "Artikel 00" in first and "Artikel 20" not in first
    assert "Artikel 20" in second and "Seite 2 von 2" in second


def test_english_page(client):
    make_article(title="Ablauf des Asylverfahrens")
    page = client.get("/en/wissen/").content.decode()
    assert "Knowledge for practice" in page
    assert "1 article found" in page
    assert 'lang="de"' in page  # the German article is marked as German on the English page


def test_article_page_shows_text_topics_review_date_and_downloads(client):
    article = make_article(title="Das Asylverfahren", body="## Ablauf\n\nErst die **Anhörung**.", topics=[make_topic()])
    make_download(article, title="Merkblatt Anhörung")

    page = client.get(article.get_absolute_url()).content.decode()

    assert "<h2>Ablauf</h2>" in page and "<strong>Anhörung</strong>" in page
    assert "Asylverfahren</a>" in page
    assert "Zuletzt fachlich geprüft" in page and "noch nicht" in page
    assert "Merkblatt Anhörung</a> (PDF, " in page
    assert f"{len(PDF_BYTES)}\xa0Bytes" in page


def test_a_draft_article_and_its_downloads_are_not_public(client):
    draft = make_article(title="Entwurf", published=False)
    download = make_download(draft)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(download.get_absolute_url()).status_code == 404


def test_download_is_served_as_a_pdf_attachment(client):
    download = make_download(make_article(), title="Merkblatt")
    response = client.get(download.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_article_links_to_upcoming_offers_with_the_same_topics(client):
    asylum, housing = make_topic(), make_topic(slug="wohnen", name="Wohnen", name_en="Housing")
    article = make_article(title="Das Asylverfahren", topics=[asylum])
    make_event(title="Schulung Asylrecht Pirna", topics=[asylum])
    make_event(title="Vergangene Schulung", topics=[asylum], days_ahead=-30)
    make_event(title="Entwurf einer Schulung", topics=[asylum], status=Event.Status.DRAFT)
    make_event(title="Abgesagte Schulung", topics=[asylum], status=Event.Status.CANCELLED)
    make_event(title="Wohnungssuche begleiten", topics=[housing])

    page = client.get(article.get_absolute_url()).content.decode()

    assert "Schulung Asylrecht Pirna" in page
    for other in ("Vergangene Schulung", "Entwurf einer Schulung", "Abgesagte Schulung", "Wohnungssuche begleiten"):
        assert other not in page


def test_article_without_matching_offers_points_to_the_calendar(client):
    article = make_article(topics=[make_topic()])
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Zu diesen Themen gibt es gerade keine Angebote." in page


def test_event_page_links_published_articles_on_its_topics(client):
    asylum = make_topic()
    event = make_event(title="Schulung Asylrecht", topics=[asylum])
    make_article(title="Das Asylverfahren erklärt", topics=[asylum])
    make_article(title="Entwurf zum Asylverfahren", topics=[asylum], published=False)
    make_article(title="Wohnungssuche", topics=[make_topic(slug="wohnen", name="Wohnen", name_en="Housing")])

    page = client.get(event.get_absolute_url()).content.decode()

    assert "Hintergrundwissen zum Thema" in page
    assert "Das Asylverfahren erklärt" in page
    assert "Entwurf zum Asylverfahren" not in page and "Wohnungssuche" not in page


def test_event_page_without_articles_shows_no_heading(client):
    event = make_event(topics=[make_topic()])
    make_article(title="Ohne Thema")
    assert "Hintergrundwissen zum Thema" not in client.get(event.get_absolute_url()).content.decode()


def test_sitemap_lists_published_articles_and_the_list(client):
    published = make_article(title="Öffentlich")
    draft = make_article(title="Entwurf", published=False)
    xml = client.get("/sitemap.xml").content.decode()
    assert f"{published.get_absolute_url()}</loc>" in xml
    assert "/wissen/</loc>" in xml and "/en/wissen/</loc>" in xml
    assert draft.get_absolute_url() not in xml


# --- Query counts ------------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/wissen/", "/wissen/?q=asyl&thema=asylverfahren&sprache=de", "/en/wissen/?seite=2"])
def test_list_query_count_does_not_grow_with_articles(client, url):
    topics = [make_topic(), make_topic(slug="wohnen", name="Wohnen", name_en="Housing")]
    for n in range(21):
        make_article(title=f"Asyl {n}", topics=topics[: 1 + n % 2])
    few = _queries(client, url)
    for n in range(40):
        make_article(title=f"Asyl mehr {n}", topics=topics)
    assert _queries(client, url) == few


def test_article_page_query_count_does_not_grow_with_downloads_topics_and_offers(client):
    topic = make_topic()
    article = make_article(title="Das Asylverfahren", topics=[topic])
    make_download(article)
    make_event(topics=[topic])
    one = _queries(client, article.get_absolute_url())
    more = [make_topic(slug=f"thema-{n}", name=f"Thema {n}", name_en="") for n in range(5)]
    article.topics.add(*more)
    for n in range(8):
        make_download(article, title=f"Datei {n}")
        make_event(topics=[topic, more[n % 5]])
    assert _queries(client, article.get_absolute_url()) == one


def test_event_page_query_count_does_not_grow_with_articles(client):
    topic = make_topic()
    event = make_event(topics=[topic])
    make_article(title="Hintergrund", topics=[topic])
    one = _queries(client, event.get_absolute_url())
    for n in range(12):
        make_article(title=f"Hintergrund {n}", topics=[topic])
    assert _queries(client, event.get_absolute_url()) == one
