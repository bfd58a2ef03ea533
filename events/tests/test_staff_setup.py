"""Agenda (Ablauf) through the real back-office pages; registration setup is refused to the same roles."""

from datetime import time

import pytest

from audit.models import Entry
from events.models import AgendaItem
from events.testing import make_event
from registrations.models import Question

pytestmark = pytest.mark.django_db


def agenda_data(event, rows, *, initial=0, version=None):
    data = {
        "version": event.version if version is None else version,
        "ablauf-TOTAL_FORMS": len(rows),
        "ablauf-INITIAL_FORMS": initial,
        "ablauf-MIN_NUM_FORMS": 0,
        "ablauf-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"ablauf-{i}-{key}"] = value
    return data


def test_agenda_formset_saves_reorders_and_deletes(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Pirna")
    page = client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    assert "Ablauf bearbeiten" in page and "Noch kein Ablauf." in page
    assert "Neuer Programmpunkt" in client.get(f"/team/veranstaltungen/{event.pk}/ablauf/").content.decode()

    rows = [
        {"time": "09:00", "title": "Ankommen", "position": ""},
        {"time": "12:30", "title": "Mittagspause", "position": ""},
        {"time": "10:00", "title": "Asylverfahren", "position": ""},
        {"time": "", "title": "", "position": ""},  # an empty extra row is skipped
    ]
    response = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows))
    assert response.status_code == 302
    items = list(AgendaItem.objects.filter(event=event))
    assert [(i.title, i.position) for i in items] == [("Ankommen", 1), ("Asylverfahren", 2), ("Mittagspause", 3)]
    assert "Asylverfahren" in client.get(event.get_absolute_url()).content.decode()

    # Move the lunch break to the top by its number, delete the arrival line.
    event.refresh_from_db()
    first, second, third = items
    rows = [
        {"id": first.pk, "event": event.pk, "time": "09:00", "title": "Ankommen", "position": "1", "DELETE": "on"},
        {"id": second.pk, "event": event.pk, "time": "10:00", "title": "Asylverfahren", "position": "2"},
        {"id": third.pk, "event": event.pk, "time": "12:30", "title": "Mittagspause", "position": "0"},
    ]
    response = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows, initial=3))
    assert response.status_code == 302
    assert [(i.title, i.position) for i in AgendaItem.objects.filter(event=event)] == [
        ("Mittagspause", 1),
        ("Asylverfahren", 2),
    ]
    assert [e.details for e in Entry.objects.filter(action="event.agenda_saved").order_by("id")] == [
        {"items": 3, "deleted": 0},
        {"items": 2, "deleted": 1},
    ]


def test_agenda_errors_keep_what_was_typed_and_a_stale_version_is_not_overwritten(client, team, login_as):
    login_as(team)
    event = make_event()
    rows = [{"time": "9 Uhr", "title": "Begrüßung", "position": ""}]
    page = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows)).content.decode()
    assert "Geben Sie die Uhrzeit wie 09:30 ein." in page and 'value="Begrüßung"' in page
    assert not AgendaItem.objects.exists()

    rows = [{"time": "09:00", "title": "Begrüßung", "position": ""}]
    stale = agenda_data(event, rows, version=event.version - 1)
    page = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", stale).content.decode()
    assert "Jemand anderes hat diese Veranstaltung gespeichert" in page and 'value="Begrüßung"' in page
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_setup_pages_are_refused_without_the_team_role(client, persona, request, login_as):
    event = make_event()
    user = request.getfixturevalue(persona)
    if user.role == "trainer":
        event.trainers.add(user)
    if user.partner_organisation:
        event.partners.add(user.partner_organisation)
    if persona == "partner_with_names":
        event.partners_may_see_names = True
        event.save(update_fields=["partners_may_see_names"])
    login_as(user)
    for path in ("ablauf/", "anmeldung-einrichten/", "materialien/"):
        assert client.get(f"/team/veranstaltungen/{event.pk}/{path}").status_code == 403
        assert client.post(f"/team/veranstaltungen/{event.pk}/{path}", {}).status_code == 403
    assert client.get("/team/orte/").status_code == 403
    assert not AgendaItem.objects.exists() and not Question.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    event = make_event()
    for path in (f"/team/veranstaltungen/{event.pk}/ablauf/", "/team/orte/neu/"):
        response = client.get(path)
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_agenda_page_in_english(client, team, login_as):
    login_as(team)
    event = make_event()
    AgendaItem.objects.create(event=event, time=time(9), title="Ankommen", position=1)
    page = client.get(f"/en/team/veranstaltungen/{event.pk}/ablauf/").content.decode()
    assert "Edit agenda" in page and "Save agenda" in page
