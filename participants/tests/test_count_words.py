"""Counts in the team's messages and mails take the singular for one: "1 Person", not "1 Personen"."""

import pytest

from events.testing import make_event
from mail.testing import deliver_outbox
from participants import services as participants
from registrations import mails
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db


def test_writing_to_one_person_says_person_and_e_mail_in_the_singular(client, team, login_as):
    login_as(team)
    event = make_event()
    make_participant(event)
    url = f"/team/veranstaltungen/{event.pk}/teilnehmende/schreiben/"
    assert "Mit Platz: 1 Person; auf der Warteliste: 0." in client.get(url).content.decode()
    form = {"audience": "participants", "subject": "Raum", "body": "Wir sind in Raum 2."}
    response = client.post(url, form, follow=True)
    assert "1 E-Mail ist in der Warteschlange." in response.content.decode()


def test_one_feedback_invitation_is_announced_in_the_singular(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=-1)
    participants.check_in(actor=team, booking=make_participant(event))
    response = client.post(f"/team/veranstaltungen/{event.pk}/feedback/einladen/", follow=True)
    assert "1 Einladung ist in der Warteschlange." in response.content.decode()


def test_team_mail_about_a_free_place_counts_the_waiting_list_in_the_singular(smtp_server):
    event = make_event(title="Schulung Pirna")
    mails.team_place_free_after_deadline(event, 1, 1)
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert "ist nach dem Anmeldeschluss 1 Platz frei geworden. Auf der Warteliste steht 1 Person." in mail.text
    assert "Auf der Warteliste steht 1 Person." in mail.html
