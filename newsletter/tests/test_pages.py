"""Public archive, issue page, PDF and feed; the team's pages for every persona; query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Entry
from newsletter.models import Issue
from newsletter.testing import make_issue, make_subscriber

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_archive_by_year_issue_page_pdf_and_feed(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    issue = make_issue(body="Hallo <script>alert(1)</script> **fett**")
    issue.pdf.save("ausgabe.pdf", SimpleUploadedFile("ausgabe.pdf", PDF))
    make_issue(year=2026, number=1, title="Zehn Jahre")
    draft = make_issue(year=2026, number=2, title="Noch geheim", published=False)

    archive = client.get("/newsletter/").content.decode()
    assert archive.index(">2026<") < archive.index(">2015<")
    assert "02/2015: Erste Unterstützer_innen-Schulungen" in archive and "Noch geheim" not in archive

    page = client.get(issue.get_absolute_url()).content.decode()
    assert "<strong>fett</strong>" in page and "<script>alert" not in page
    assert issue.pdf_url in page
    download = client.get(issue.pdf_url)
    assert download["Content-Type"] == "application/pdf" and b"".join(download.streaming_content) == PDF
    assert client.get(draft.get_absolute_url()).status_code == 404

    feed = client.get("/newsletter/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert b"02/2015" in feed.content and b"Noch geheim" not in feed.content
    assert issue.get_absolute_url().encode() in client.get("/sitemap.xml").content


STAFF_PAGES = ["/team/newsletter/", "/team/newsletter/ausgaben/neu/"]


@pytest.mark.parametrize("persona", ["admin", "team"])
def test_admin_and_team_use_every_page(client, persona, request, login_as):
    issue = make_issue()
    login_as(request.getfixturevalue(persona))
    for url in [
        *STAFF_PAGES,
        f"/team/newsletter/ausgaben/{issue.pk}/",
        f"/team/newsletter/ausgaben/{issue.pk}/versand/",
    ]:
        assert client.get(url).status_code == 200, url
    assert 'href="/team/newsletter/"' in client.get("/team/").content.decode()


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_other_roles_are_refused(client, persona, request, login_as):
    issue = make_issue()
    make_subscriber("leser@example.org")
    login_as(request.getfixturevalue(persona))
    for url in [*STAFF_PAGES, f"/team/newsletter/ausgaben/{issue.pk}/versand/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(f"/team/newsletter/ausgaben/{issue.pk}/versand/", {"action": "send"}).status_code == 403
    assert not issue.sendings.exists()


def test_anonymous_is_sent_to_the_login(client):
    response = client.get("/team/newsletter/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/?next=")


def test_team_writes_an_issue_with_pdf_and_bad_input_is_refused(client, team, login_as, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login_as(team)
    data = {"year": 2015, "number": 2, "title": "Erste Schulungen", "summary": "", "body": "", "published": "on"}
    refused = client.post("/team/newsletter/ausgaben/neu/", data)
    assert refused.status_code == 200 and "Text, ein PDF oder beides" in refused.content.decode()
    fake = SimpleUploadedFile("ausgabe.pdf", b"MZ not a pdf")
    refused = client.post("/team/newsletter/ausgaben/neu/", {**data, "pdf": fake})
    assert "kein PDF" in refused.content.decode()
    response = client.post("/team/newsletter/ausgaben/neu/", {**data, "pdf": SimpleUploadedFile("a.pdf", PDF)})
    issue = Issue.objects.get()
    assert response.status_code == 302 and issue.is_published and issue.slug == "2015-02"
    assert Entry.objects.filter(action="newsletter.issue_created").exists()

    stale = {**data, "body": "Neu", "version": issue.version}
    client.post(f"/team/newsletter/ausgaben/{issue.pk}/", {**stale, "title": "Erste Fassung"})
    conflict = client.post(f"/team/newsletter/ausgaben/{issue.pk}/", {**stale, "title": "Zweite Fassung"})
    assert conflict.status_code == 409
    issue.refresh_from_db()
    assert issue.title == "Erste Fassung"


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_lists_need_the_same_number_of_queries_for_few_and_many_issues(client, team, login_as):
    make_issue(year=2015, number=1)
    login_as(team)
    few = (_queries(client, "/newsletter/"), _queries(client, "/team/newsletter/"))
    for number in range(2, 13):
        make_issue(year=2016, number=number)
        make_subscriber(f"leser{number}@example.org")
    assert (_queries(client, "/newsletter/"), _queries(client, "/team/newsletter/")) == few
