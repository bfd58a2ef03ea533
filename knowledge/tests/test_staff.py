"""The team's knowledge-base pages: who may use them, writing with preview and revisions, optimistic
locking, publishing, review date, downloads (type checked by content, size limit), audit entries."""

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections

from audit.models import Entry
from events.testing import make_topic
from knowledge import services
from knowledge.models import Article, Download, Revision
from knowledge.staff_forms import MAX_DOWNLOAD_MB
from knowledge.testing import PDF_BYTES, make_article, make_download

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _article_data(**changes):
    data = {
        "title": "Das Asylverfahren",
        "summary": "Vom Asylantrag bis zum Bescheid.",
        "language": "de",
        "body": "## Ablauf\n\nErst die **Anhörung**.",
        "version": "1",
        "action": "save",
    }
    return {**data, **changes}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("admin", 200),
        ("team", 200),
        ("trainer_a", 403),
        ("partner_with_names", 403),
        ("partner_without_names", 403),
        ("multiplier", 403),
    ],
)
def test_who_may_use_the_knowledge_pages(client, login_as, request, persona, status):
    article = make_article()
    login_as(request.getfixturevalue(persona))
    for path in (
        "/team/wissen/",
        "/team/wissen/neu/",
        f"/team/wissen/{article.pk}/",
        f"/team/wissen/{article.pk}/dateien/",
        f"/team/wissen/{article.pk}/fassungen/",
        f"/team/wissen/{article.pk}/fassungen/1/",
    ):
        assert client.get(path).status_code == status, path


def test_anonymous_visitors_get_the_login_page(client):
    response = client.get("/team/wissen/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_menu_has_an_entry_for_the_team(client, login_as, team):
    login_as(team)
    page = client.get("/team/").content.decode()
    assert 'href="/team/wissen/"' in page


def test_team_writes_an_article_and_a_revision_and_audit_entry_are_kept(client, login_as, team):
    topic = make_topic()
    login_as(team)

    response = client.post("/team/wissen/neu/", _article_data(topics=[topic.pk]), follow=True)

    article = Article.objects.get()
    assert response.redirect_chain[-1][0] == f"/team/wissen/{article.pk}/"
    assert "Der Artikel „Das Asylverfahren“ ist gespeichert." in response.content.decode()
    assert article.slug == "das-asylverfahren"
    assert article.status == Article.Status.DRAFT and article.version == 1
    assert list(article.topics.all()) == [topic]
    assert "anhoerung" in article.search_text and "asylum procedure" in article.search_text
    assert list(article.revisions.values_list("number", "title")) == [(1, "Das Asylverfahren")]
    entry = Entry.objects.get(action="knowledge.article_created")
    assert entry.actor == team and entry.target_id == str(article.pk)


def test_errors_say_what_to_fix_and_keep_what_was_typed(client, login_as, team):
    login_as(team)
    page = client.post("/team/wissen/neu/", _article_data(title="", body="Mein Text bleibt")).content.decode()
    assert "Geben Sie einen Titel ein." in page
    assert "Mein Text bleibt" in page
    assert not Article.objects.exists()


def test_preview_shows_the_sanitised_text_and_saves_nothing(client, login_as, team):
    login_as(team)
    data = _article_data(body="## Zwischentitel\n\n**wichtig** <script>alert(1)</script>", action="preview")

    page = client.post("/team/wissen/neu/", data).content.decode()

    assert "Vorschau (noch nicht gespeichert)" in page
    assert "<h2>Zwischentitel</h2>" in page and "<strong>wichtig</strong>" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # still in the text box, escaped
    assert not Article.objects.exists() and not Entry.objects.filter(action__startswith="knowledge.").exists()


def test_every_save_keeps_a_revision_that_can_be_read_later(client, login_as, team):
    article = make_article(title="Erste Fassung", body="Alter Text")
    login_as(team)

    data = _article_data(title="Zweite Fassung", summary=article.summary, body="Neuer Text", version=1)
    client.post(f"/team/wissen/{article.pk}/", data)

    article.refresh_from_db()
    assert article.title == "Zweite Fassung" and article.version == 2
    revisions = client.get(f"/team/wissen/{article.pk}/fassungen/").content.decode()
    assert "Fassung 2" in revisions and "Fassung 1" in revisions and "(aktuell)" in revisions
    old = client.get(f"/team/wissen/{article.pk}/fassungen/1/").content.decode()
    assert "Erste Fassung" in old and "Alter Text" in old and "Neuer Text" not in old
    assert client.get(f"/team/wissen/{article.pk}/fassungen/9/").status_code == 404
    entry = Entry.objects.get(action="knowledge.article_changed")
    assert entry.details == {"revision": 2, "fields": ["body", "title"]}


def test_a_stale_page_does_not_overwrite_a_newer_save(client, login_as, team):
    article = make_article(title="Original")
    services.save_article(
        actor=team, article=Article.objects.get(pk=article.pk), topics=[], expected_version=1, changed_fields=[]
    )
    login_as(team)

    page = client.post(f"/team/wissen/{article.pk}/", _article_data(title="Meine Fassung", version=1)).content.decode()

    assert "Jemand anderes hat diesen Artikel gespeichert" in page
    assert "Meine Fassung" in page  # what was typed is kept
    assert 'name="version" value="2"' in page  # saving again now overwrites on purpose
    article.refresh_from_db()
    assert article.title == "Original" and article.version == 2
    assert article.revisions.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL")
def test_two_people_saving_the_same_version_at_once_one_wins():
    article = make_article(title="Original")
    barrier = threading.Barrier(2)
    saved, refused, errors = [], [], []

    def save(title):
        try:
            copy = Article.objects.get(pk=article.pk)
            copy.title = title
            barrier.wait()
            services.save_article(actor=None, article=copy, topics=[], expected_version=1, changed_fields=["title"])
            saved.append(title)
        except services.EditConflict:
            refused.append(title)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(title,)) for title in ("Fassung A", "Fassung B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(saved) == 1 and len(refused) == 1
    article.refresh_from_db()
    assert article.title == saved[0] and article.version == 2
    assert list(Revision.objects.filter(article=article).values_list("number", flat=True)) == [2, 1]


def test_publish_and_unpublish_with_audit_entries_and_double_click_is_one(client, login_as, team):
    article = make_article(title="Entwurf", published=False)
    login_as(team)
    status = f"/team/wissen/{article.pk}/status/"

    client.post(status, {"action": "publish"})
    client.post(status, {"action": "publish"})
    article.refresh_from_db()
    assert article.is_published and article.published_at is not None
    assert client.get(article.get_absolute_url()).status_code == 200

    client.post(status, {"action": "unpublish"})
    article.refresh_from_db()
    assert not article.is_published
    assert client.get(article.get_absolute_url()).status_code == 404
    actions = list(Entry.objects.filter(action__in=["knowledge.published", "knowledge.unpublished"]).order_by("id"))
    assert [entry.action for entry in actions] == ["knowledge.published", "knowledge.unpublished"]


def test_marking_as_reviewed_sets_todays_date_without_a_new_version(client, login_as, team):
    from django.utils import timezone

    article = make_article()
    login_as(team)
    client.post(f"/team/wissen/{article.pk}/geprueft/")
    article.refresh_from_db()
    assert article.last_reviewed_on == timezone.localdate()
    assert article.version == 1 and article.revisions.count() == 1
    assert Entry.objects.filter(action="knowledge.reviewed", target_id=str(article.pk)).exists()
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<time datetime="{timezone.localdate().isoformat()}">' in page


def test_list_searches_and_filters_by_status(client, login_as, team):
    make_article(title="Ärztliche Versorgung")
    make_article(title="Wohnen", published=False)
    login_as(team)
    assert "Ärztliche Versorgung" in client.get("/team/wissen/", {"q": "aerztliche"}).content.decode()
    drafts = client.get("/team/wissen/", {"status": "draft"}).content.decode()
    assert "Wohnen" in drafts and "Ärztliche Versorgung" not in drafts


def test_staff_list_query_count_does_not_grow(client, login_as, team):
    from django.test.utils import CaptureQueriesContext

    topic = make_topic()
    make_article(topics=[topic])
    login_as(team)
    client.get("/team/wissen/")
    with CaptureQueriesContext(connection) as one:
        client.get("/team/wissen/")
    for _ in range(30):
        make_article(topics=[topic])
    with CaptureQueriesContext(connection) as many:
        client.get("/team/wissen/")
    assert len(one.captured_queries) == len(many.captured_queries)


# --- Downloads ---------------------------------------------------------------------------------


def _upload(client, article, name, content, title="Merkblatt"):
    return client.post(
        f"/team/wissen/{article.pk}/dateien/", {"title": title, "file": SimpleUploadedFile(name, content)}, follow=True
    )


def test_a_pdf_is_attached_with_size_and_type(client, login_as, team):
    article = make_article()
    login_as(team)
    page = _upload(client, article, "merkblatt.pdf", PDF_BYTES).content.decode()
    download = Download.objects.get()
    assert "Die Datei „Merkblatt“ ist angehängt." in page
    assert f"PDF, {len(PDF_BYTES)}\xa0Bytes" in page
    assert download.size == len(PDF_BYTES) and download.content_type == "application/pdf"
    assert Entry.objects.get(action="knowledge.download_added").details == {"download": download.pk}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ\x90\x00", "Dateien vom Typ „.exe“ sind nicht erlaubt. Laden Sie eine PDF-Datei hoch."),
        ("folien.docx", b"PK\x03\x04", "Dateien vom Typ „.docx“ sind nicht erlaubt."),
        ("ohne-endung", PDF_BYTES, "Dateien vom Typ „?“ sind nicht erlaubt."),
        ("foto.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "Der Inhalt ist keine PDF-Datei, obwohl sie auf „.pdf“ endet."),
        ("seite.pdf", b"<html><script>alert(1)</script>", "Der Inhalt ist keine PDF-Datei"),
        ("leer.pdf", b"", "Die Datei ist leer."),
    ],
)
def test_wrong_type_is_refused_with_a_clear_message(client, login_as, team, name, content, message):
    article = make_article()
    login_as(team)
    page = _upload(client, article, name, content).content.decode()
    assert message in page
    assert 'value="Merkblatt"' in page  # the title typed is kept
    assert not Download.objects.exists()


def test_an_oversize_file_is_refused_naming_size_and_limit(client, login_as, team):
    article = make_article()
    login_as(team)
    content = PDF_BYTES + b"0" * (MAX_DOWNLOAD_MB * 1024 * 1024)
    page = _upload(client, article, "gross.pdf", content).content.decode()
    assert "Die Datei ist 20,0\xa0MB groß, erlaubt sind höchstens 20 MB." in page
    assert not Download.objects.exists()


def test_removing_a_download_deletes_row_and_file(client, login_as, team, tmp_path, django_capture_on_commit_callbacks):
    article = make_article()
    download = make_download(article)
    stored = tmp_path / download.file.name
    assert stored.exists()
    login_as(team)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/team/wissen/{article.pk}/dateien/{download.pk}/entfernen/", follow=True)
    assert "Die Datei „Merkblatt“ ist entfernt." in response.content.decode()
    assert not Download.objects.exists()
    assert Entry.objects.filter(action="knowledge.download_removed").exists()
    assert not stored.exists()


def test_a_download_of_another_article_cannot_be_removed_through_this_one(client, login_as, team):
    download = make_download(make_article())
    other = make_article()
    login_as(team)
    assert client.post(f"/team/wissen/{other.pk}/dateien/{download.pk}/entfernen/").status_code == 404
    assert Download.objects.filter(pk=download.pk).exists()


@pytest.mark.parametrize("page", ["fassungen/", "dateien/"])
def test_revision_and_download_lists_query_count_does_not_grow(client, login_as, team, page):
    from django.test.utils import CaptureQueriesContext

    article = make_article()
    make_download(article)
    login_as(team)
    url = f"/team/wissen/{article.pk}/{page}"
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(15):
        article.title = f"Fassung {n}"
        services.save_article(actor=team, article=article, topics=[], expected_version=article.version)
        make_download(article, title=f"Datei {n}")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(one.captured_queries) == len(many.captured_queries)


def test_an_old_revision_is_restored_as_a_new_one_and_nothing_is_lost(client, login_as, team):
    article = make_article(title="Erste Fassung", body="Alter Text")
    login_as(team)
    client.post(
        f"/team/wissen/{article.pk}/",
        _article_data(title="Zweite Fassung", summary=article.summary, body="Neuer Text", version=1),
    )
    old = client.get(f"/team/wissen/{article.pk}/fassungen/1/").content.decode()
    assert "Diese Fassung wiederherstellen" in old
    assert (
        "Diese Fassung wiederherstellen" not in client.get(f"/team/wissen/{article.pk}/fassungen/2/").content.decode()
    )

    response = client.post(f"/team/wissen/{article.pk}/fassungen/1/wiederherstellen/", {"version": 2})

    assert response.status_code == 302 and response["Location"] == f"/team/wissen/{article.pk}/"
    article.refresh_from_db()
    assert (article.title, article.body, article.version) == ("Erste Fassung", "Alter Text", 3)
    assert list(article.revisions.values_list("number", "title")) == [
        (3, "Erste Fassung"),
        (2, "Zweite Fassung"),
        (1, "Erste Fassung"),
    ]
    entry = Entry.objects.get(action="knowledge.revision_restored")
    assert entry.details == {"revision": 1} and entry.actor == team


def test_restoring_from_a_stale_page_changes_nothing(client, login_as, team):
    article = make_article(title="Erste Fassung", body="Alter Text")
    login_as(team)
    client.post(
        f"/team/wissen/{article.pk}/",
        _article_data(title="Zweite Fassung", summary=article.summary, body="Neuer Text", version=1),
    )
    response = client.post(f"/team/wissen/{article.pk}/fassungen/1/wiederherstellen/", {"version": 1}, follow=True)
    assert "inzwischen noch einmal gespeichert" in response.content.decode()
    article.refresh_from_db()
    assert (article.title, article.version) == ("Zweite Fassung", 2)
    assert not Entry.objects.filter(action="knowledge.revision_restored").exists()
    assert client.post(f"/team/wissen/{article.pk}/fassungen/9/wiederherstellen/", {"version": 2}).status_code == 404
