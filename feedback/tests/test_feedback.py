"""Anonymous feedback: invitation after the event, single-use links, answers without a person,
results per event and for a period (free text escaped), the dashboard's "feedback to read"."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.testing import make_event
from feedback.models import Answer, Invitation, Invitee, Survey
from mail.models import OutboxMessage
from participants import services as participants
from registrations.testing import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
LINK = re.compile(r"/feedback/([A-Za-z0-9_-]+)/")


def held_event_with_attendees(team, n=2, **fields):
    event = make_event(days_ahead=-1, hours=4, **fields)
    bookings = [make_participant(event, email=f"fb{event.pk}-{i}@example.org") for i in range(n)]
    for booking in bookings:
        participants.check_in(actor=team, booking=booking)
    make_participant(event, email=f"absent{event.pk}@example.org")
    return event, bookings


def invite(client, event):
    client.post(f"/team/veranstaltungen/{event.pk}/feedback/einladen/")
    return {
        message.to: LINK.search(message.text).group(1)
        for message in OutboxMessage.objects.filter(
            template="feedback/mail/invitation", to__startswith=f"fb{event.pk}-"
        )
    }


def test_attendees_are_invited_once_and_each_link_gives_one_anonymous_answer(client, team, login_as):
    login_as(team)
    event, bookings = held_event_with_attendees(team)
    tokens = invite(client, event)
    assert set(tokens) == {b.registration.email for b in bookings}
    assert not OutboxMessage.objects.filter(template="feedback/mail/invitation", to__startswith="absent").exists()
    assert OutboxMessage.objects.filter(template="feedback/mail/invitation", erase_body_after_send=False).count() == 0
    invite(client, event)  # a second click invites nobody twice
    assert Invitee.objects.count() == 2 and Invitation.objects.count() == 2
    token = next(iter(tokens.values()))
    assert token not in str(list(Invitation.objects.values_list("token_hash", flat=True)))
    client.logout()
    page = client.get(f"/feedback/{token}/").content.decode()
    assert "anonym" in page
    answer = {"overall": "4", "usefulness": "5", "improve": "Mehr Pausen", "topics_wanted": "Arbeitsmarkt"}
    response = client.post(f"/feedback/{token}/", answer)
    assert "Danke für Ihr Feedback" in response.content.decode()
    stored = Answer.objects.get()
    assert (stored.overall, stored.usefulness, stored.improve) == (4, 5, "Mehr Pausen")
    # The answer row knows the event and the day only: no person, no booking, no token.
    assert {f.name for f in Answer._meta.get_fields()} == {
        "id",
        "event",
        "overall",
        "usefulness",
        "improve",
        "topics_wanted",
        "submitted_on",
    }
    assert {f.name for f in Invitation._meta.get_fields()} == {"token_hash", "event", "used"}
    again = client.post(f"/feedback/{token}/", answer)
    assert again.status_code == 404 and "gilt nicht mehr" in again.content.decode()
    assert Answer.objects.count() == 1
    assert client.get("/feedback/erfunden/").status_code == 404


def test_survey_form_says_what_is_missing_and_keeps_the_text(client, team, login_as):
    login_as(team)
    event, _ = held_event_with_attendees(team, n=1)
    (token,) = invite(client, event).values()
    response = client.post(f"/feedback/{token}/", {"improve": "Mehr Zeit"})
    page = response.content.decode()
    assert "Bitte wählen Sie eine Bewertung von 1 bis 5." in page and "Mehr Zeit" in page
    assert not Answer.objects.exists() and Invitation.objects.get().used is False


def test_no_invitations_before_the_event_is_over(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=3)
    booking = make_participant(event)
    participants.check_in(actor=team, booking=booking)
    client.post(f"/team/veranstaltungen/{event.pk}/feedback/einladen/")
    assert not Invitation.objects.exists()


def test_results_per_event_and_period_escape_free_text(client, team, login_as):
    login_as(team)
    event, _ = held_event_with_attendees(team, title="Schulung Bautzen")
    Answer.objects.create(event=event, overall=5, usefulness=4, improve="<script>alert(1)</script>")
    Answer.objects.create(event=event, overall=3, usefulness=2, topics_wanted="Wohnen & Arbeit")
    page = client.get(f"/team/veranstaltungen/{event.pk}/feedback/").content.decode()
    assert "4,0 von 5" in page and "3,0 von 5" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page
    assert "Wohnen &amp; Arbeit" in page
    start = event.start.date().isoformat()
    page = client.get("/team/feedback/", {"von": start, "bis": start}).content.decode()
    assert "Schulung Bautzen" in page and "&lt;script&gt;" in page
    page = client.get("/team/feedback/", {"von": "2001-01-01", "bis": "2001-12-31"}).content.decode()
    assert "Schulung Bautzen" not in page and "noch kein Feedback" in page
    page = client.get("/team/feedback/", {"von": "2026-12-31", "bis": "2026-01-01"}).content.decode()
    assert "tauschen Sie die beiden Daten" in page


def test_period_results_need_the_same_queries_for_1_and_50_events(client, team, login_as):
    login_as(team)

    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/team/feedback/").content.decode()
        return len(queries), page

    first = make_event(days_ahead=-2, title="Rückblick 0")
    Answer.objects.create(event=first, overall=4, usefulness=4, improve="gut")
    small, page = count()
    assert "Rückblick 0" in page
    for n in range(1, 50):
        Answer.objects.create(event=make_event(days_ahead=-2, title=f"Rückblick {n}"), overall=3, usefulness=3)
    large, page = count()
    assert all(f"Rückblick {n}<" in page for n in (0, 1, 49))
    assert large == small


def test_dashboard_lists_certificates_to_send_and_feedback_to_read(client, team, login_as):
    login_as(team)
    event, _ = held_event_with_attendees(team, n=1, title="Abgeschlossene Schulung")
    page = client.get("/team/").content.decode()
    assert "Teilnahmebescheinigungen verschicken" in page
    Survey.objects.create(event=event)
    Answer.objects.create(event=event, overall=5, usefulness=5)
    page = client.get("/team/").content.decode()
    assert "neues Feedback lesen" in page
    client.get(f"/team/veranstaltungen/{event.pk}/feedback/")
    assert "neues Feedback lesen" not in client.get("/team/").content.decode()


def test_survey_in_english(client, team, login_as):
    login_as(team)
    event, _ = held_event_with_attendees(team, n=1)
    (token,) = invite(client, event).values()
    page = client.get(f"/en/feedback/{token}/").content.decode()
    assert "Your feedback" in page and "How was the event overall?" in page
