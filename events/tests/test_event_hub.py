"""The event hub (/team/veranstaltungen/<id>/): state, figures and a link to every task, each
declared as an EVENT_TASK by the app that owns the page and shown only to those who may use it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.models import Certificate
from events.models import Event
from events.testing import make_event
from feedback.models import Answer
from registrations.models import Booking
from registrations.testing import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def hub(event):
    return f"/team/veranstaltungen/{event.pk}/"


TASKS = {  # label: path after the hub's address
    "Bearbeiten": "bearbeiten/",
    "Ablauf bearbeiten": "ablauf/",
    "Termin hinzufügen": "termine/neu/",
    "Materialien hochladen oder entfernen": "materialien/",
    "Kopieren mit neuem Datum": "kopieren/",
    "Veröffentlichen": "veroeffentlichen/",
    "Absagen": "absagen/",
    "Anmeldung einrichten": "anmeldung-einrichten/",
    "Teilnehmer_innen ansehen": "teilnehmende/",
    "Warteliste": "warteliste/",
    "Person von Hand anmelden": "teilnehmende/neu/",
    "Allen schreiben": "teilnehmende/schreiben/",
    "Einlass (Check-in)": "einlass/",
    "Teilnahmeliste herunterladen (PDF)": "teilnahmeliste.pdf",
    "Teilnahmebescheinigungen": "bescheinigungen/",
    "Feedback-Ergebnisse": "feedback/",
}
FOR_TRAINERS = {"Teilnehmer_innen ansehen", "Warteliste", "Einlass (Check-in)", "Teilnahmeliste herunterladen (PDF)"}


def links(page):
    """{label: href} of the task links on the hub."""
    tasks = page[page.index('<div class="hub-tasks">') : page.index("<h2>Angaben</h2>")]
    return {label: href for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', tasks)}


def figures(page):
    block = page[page.index('<dl class="facts hub-figures">') :]
    block = block[: block.index("</dl>")]
    return {
        dt: re.sub(r"<[^>]+>", "", dd).strip() for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", block, re.S)
    }


def test_the_team_finds_every_task_of_a_draft_on_the_hub_and_every_link_works(client, team, login_as):
    login_as(team)
    event = make_event(status=Event.Status.DRAFT)
    page = client.get(hub(event)).content.decode()
    found = links(page)
    assert found == {label: hub(event) + rest for label, rest in TASKS.items()}
    for heading in ("Planung", "Anmeldung", "Teilnehmer_innen", "Am Tag der Veranstaltung", "Nach der Veranstaltung"):
        assert f"<h2>{heading}</h2>" in page
    for label, href in found.items():
        assert client.get(href).status_code in (200, 302), label


def test_a_published_event_offers_held_and_cancel_but_not_publish(client, team, login_as):
    login_as(team)
    found = links(client.get(hub(make_event())).content.decode())
    assert "Veröffentlichen" not in found and "Als durchgeführt markieren" in found and "Absagen" in found


@pytest.mark.parametrize("persona", ["trainer_a", "partner_without_names", "partner_with_names"])
def test_trainers_and_partners_see_only_the_tasks_they_may_use(client, persona, request, login_as):
    user = request.getfixturevalue(persona)
    event = make_event(partners=[user.partner_organisation] if user.partner_organisation_id else [])
    if persona == "trainer_a":
        event.trainers.add(user)
    if persona == "partner_with_names":
        Event.objects.filter(pk=event.pk).update(partners_may_see_names=True)
    login_as(user)
    found = links(client.get(hub(event)).content.decode())
    expected = {
        "trainer_a": FOR_TRAINERS,
        "partner_without_names": {"Teilnehmer_innen ansehen"},
        "partner_with_names": {"Teilnehmer_innen ansehen", "Warteliste"},
    }[persona]
    assert set(found) == expected
    for label, href in found.items():
        assert client.get(href).status_code in (200, 302), label
    for label, rest in TASKS.items():
        if label not in expected:
            assert client.get(hub(event) + rest).status_code in (403, 404), label


def test_the_hub_shows_the_state_and_the_figures(client, team, login_as):
    login_as(team)
    event = make_event(capacity=4)
    confirmed = [make_participant(event) for _ in range(3)]
    make_participant(event, confirm=False)  # holds the last place until the address is confirmed
    make_participant(event)
    make_participant(event)  # both on the waiting list
    Booking.objects.filter(pk__in=[b.pk for b in confirmed[:2]]).update(attended=True)
    Certificate.objects.create(booking=confirmed[0])
    Answer.objects.create(event=event, overall=5, usefulness=4)
    page = client.get(hub(event)).content.decode()
    assert 'class="badge status--published">Veröffentlicht</span>' in page
    assert figures(page) == {
        "Belegung": "4 von 4",
        "Plätze frei": "0",
        "Warteliste": "2",
        "Noch nicht bestätigt": "1",
        "Anwesend": "2",
        "Bescheinigungen verschickt": "1",
        "Feedback-Antworten": "1",
    }


def test_the_dashboard_and_the_event_list_lead_to_the_hub(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=5)
    for page in ("/team/", "/team/veranstaltungen/"):
        assert f'<a href="{hub(event)}">{event.title}</a>' in client.get(page).content.decode(), page


def count_queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_the_hub_uses_the_same_number_of_queries_for_1_and_30_registrations(client, team, login_as):
    login_as(team)
    event = make_event(capacity=20)
    make_participant(event)
    client.get(hub(event))  # warm per-process caches
    with_one = count_queries(client, hub(event))
    for n in range(29):
        booking = make_participant(event, confirm=n % 3 != 0)
        Booking.objects.filter(pk=booking.pk).update(attended=n % 2 == 0)
    Certificate.objects.create(booking=Booking.objects.filter(event=event, attended=True).first())
    Answer.objects.create(event=event, overall=4, usefulness=4)
    assert count_queries(client, hub(event)) == with_one
