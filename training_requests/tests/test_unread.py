"""Replies the team has not read yet: the marker and the filter in the queue, the request page that
shows them as new and marks them read, „Als gelesen markieren“, the dashboard panel, and the
queue's query count with many unread threads."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import guards
from training_requests import tokens
from training_requests.models import Message
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db

QUEUE = "/team/anfragen/"
MARKER = "Neue Antwort, ungelesen"


def reply(client, training_request, body):
    """The requester writes through the personal link, as on the real page."""
    url = reverse("training_requests:personal", kwargs={"token": tokens.personal_token(training_request)})
    response = client.post(url, {"body": body, "company": "", "started": guards.issue_token()})
    assert response.status_code == 302


def team_writes(training_request, body):
    Message.objects.create(request=training_request, from_team=True, body=body, created_at=timezone.now())


def shown(client, query, names):
    page = client.get(QUEUE + query).content.decode()
    return {name for name in names if name in page}


def test_a_reply_is_marked_in_the_queue_until_someone_opens_the_request(client, login_as, team):
    replied = make_request(organisation="Kirchgemeinde Zittau", state="discussion")
    make_request(organisation="Verein Bautzen", place="Bautzen", state="discussion")
    reply(client, replied, "Der 6. März passt uns gut.")
    login_as(team)
    names = ("Kirchgemeinde Zittau", "Verein Bautzen")

    queue = client.get(QUEUE).content.decode()
    assert queue.count(MARKER) == 1
    assert shown(client, "?antworten=ungelesen", names) == {"Kirchgemeinde Zittau"}
    assert "Verein Bautzen" in client.get(QUEUE).content.decode()

    assert client.head(f"{QUEUE}{replied.pk}/").status_code == 200
    assert Message.objects.get().read_at is None  # nobody saw it
    page = client.get(f"{QUEUE}{replied.pk}/").content.decode()
    assert "1 neue Antwort der anfragenden Person" in page and ">neu</strong>" in page
    message = Message.objects.get()
    assert message.read_at is not None and message.read_by == team

    assert MARKER not in client.get(QUEUE).content.decode()
    assert shown(client, "?antworten=ungelesen", names) == set()
    again = client.get(f"{QUEUE}{replied.pk}/").content.decode()
    assert "neue Antwort der anfragenden Person" not in again and ">neu</strong>" not in again


def test_mark_read_from_the_queue_keeps_the_filters(client, login_as, admin):
    training_request = make_request(organisation="Initiative Pirna", place="Pirna", state="discussion")
    reply(client, training_request, "Noch eine Frage")
    reply(client, training_request, "Und noch eine")
    login_as(admin)
    queue = client.get(QUEUE + "?stand=discussion").content.decode()
    newest = Message.objects.latest("id").pk
    assert f'name="up_to" value="{newest}"' in queue
    reply(client, training_request, "Kam nach dem Laden der Liste")  # not yet seen by anyone
    url = reverse("training_requests_staff:mark_read", args=[training_request.pk])
    back = "stand=discussion&antworten=ungelesen&next=https://evil.example"
    response = client.post(url, {"up_to": newest, "back": back})
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?stand=discussion&antworten=ungelesen"
    (still_unread,) = Message.objects.filter(read_at__isnull=True)
    assert still_unread.body == "Kam nach dem Laden der Liste"
    assert set(Message.objects.filter(read_at__isnull=False).values_list("read_by", flat=True)) == {admin.pk}
    assert client.post(url, {"up_to": newest, "back": ""}).status_code == 302  # a second click changes nothing
    assert Message.objects.filter(read_at__isnull=True).count() == 1
    response = client.post(url, {"up_to": "x"}, follow=True)
    assert "Bitte laden Sie die Seite neu" in response.content.decode()
    assert client.get(url).status_code == 405


def test_only_the_team_marks_replies_read(client, login_as, partner_with_names, trainer_a):
    training_request = make_request(state="discussion")
    reply(client, training_request, "Hallo")
    url = reverse("training_requests_staff:mark_read", args=[training_request.pk])
    for persona in (partner_with_names, trainer_a):
        login_as(persona)
        assert client.post(url, {"up_to": Message.objects.get().pk, "back": ""}).status_code == 403
    assert Message.objects.get().read_at is None


def test_unanswered_filter_finds_threads_whose_last_word_is_the_requesters(client, login_as, team):
    waiting = make_request(organisation="Wartet auf uns", state="discussion")
    answered = make_request(organisation="Schon beantwortet", state="discussion")
    make_request(organisation="Ohne Nachrichten", state="new")
    reply(client, waiting, "Frage 1")
    reply(client, answered, "Frage 2")
    team_writes(answered, "Antwort")
    login_as(team)
    names = ("Wartet auf uns", "Schon beantwortet", "Ohne Nachrichten")
    assert shown(client, "?antworten=unbeantwortet", names) == {"Wartet auf uns"}
    # Reading is not answering: the request still waits for our answer after it was opened.
    client.get(f"{QUEUE}{waiting.pk}/")
    assert shown(client, "?antworten=unbeantwortet", names) == {"Wartet auf uns"}
    assert shown(client, "?antworten=ungelesen", names) == {"Schon beantwortet"}


def test_dashboard_lists_requests_with_unread_replies(client, login_as, team):
    replied = make_request(organisation="Gemeinde Oybin", state="discussion")
    make_request(organisation="Ganz ruhig", state="discussion")
    reply(client, replied, "Hallo Team")
    login_as(team)
    page = client.get("/team/").content.decode()
    assert "Anfragen mit ungelesenen Antworten" in page
    assert "Gemeinde Oybin" in page and "Ganz ruhig" not in page
    client.get(f"{QUEUE}{replied.pk}/")
    page = client.get("/team/").content.decode()
    assert "Alle Antworten von Anfragenden sind gelesen." in page


def queue_queries(client, query):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE + query).status_code == 200
    return len(queries)


def add_threads(count):
    for n in range(count):
        training_request = make_request(place=("Pirna", "Bautzen", "Zittau")[n % 3], state="discussion")
        Message.objects.create(request=training_request, from_team=False, body="?", created_at=timezone.now())
        if n % 2:
            team_writes(training_request, "!")


@pytest.mark.parametrize("query", ["", "?antworten=ungelesen", "?antworten=unbeantwortet"])
def test_queue_with_reply_markers_needs_the_same_queries_for_few_and_many(client, login_as, team, query):
    login_as(team)
    add_threads(2)
    few = queue_queries(client, query)
    add_threads(30)
    assert queue_queries(client, query) == few


def test_a_form_error_on_the_request_page_does_not_claim_replies_were_marked_read(client, login_as, team):
    training_request = make_request(organisation="Kirchgemeinde Zittau", state="discussion")
    reply(client, training_request, "Der 6. März passt uns gut.")
    login_as(team)
    opened = client.get(f"{QUEUE}{training_request.pk}/").content.decode()
    assert "jetzt als gelesen vermerkt" in opened
    reply(Client(), training_request, "Und wer bringt den Beamer mit?")  # arrives while the page is open
    training_request.refresh_from_db()
    page = client.post(
        f"{QUEUE}{training_request.pk}/nachricht/", {"version": training_request.version, "body": ""}
    ).content.decode()
    assert "jetzt als gelesen vermerkt" not in page and "Beamer" in page
    assert Message.objects.filter(from_team=False, read_at__isnull=True).count() == 1  # still unread
