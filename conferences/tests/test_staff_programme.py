"""The team's programme pages: build, clashes, two editors at once, publish, check-in per workshop."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.testing import persona_names
from audit.models import Entry
from conferences import services
from conferences.models import Choice, Conference, Room, Session
from conferences.staff_forms import RoomForm
from conferences.testing import make_conference, register_with_wishes, workshops
from events.models import Event
from events.testing import make_event

pytestmark = pytest.mark.django_db

PAGES = ("", "workshops/")


@pytest.mark.parametrize("persona", persona_names)
def test_who_may_plan_and_who_may_check_in(client, login_as, persona, request):
    conference = make_conference(slots=1, workshops=2)
    session = workshops(conference)[0][0]
    conference.event.trainers.add(request.getfixturevalue("trainer_a"))
    login_as(request.getfixturevalue(persona))
    base = f"/team/veranstaltungen/{conference.event.pk}/programm/"
    got = [client.get(base + page).status_code for page in (*PAGES, f"workshops/{session.pk}/einlass/", "raum/neu/")]
    expected = {
        "anonymous": [302, 302, 302, 302],
        "admin": [200, 200, 200, 200],
        "team": [200, 200, 200, 200],
        "trainer_a": [403, 200, 200, 403],  # the event's own trainer checks people in
        "trainer_b": [403, 404, 404, 403],
        "partner_with_names": [403, 404, 404, 403],
        "partner_without_names": [403, 404, 404, 403],
        "multiplier": [403, 403, 403, 403],
    }[persona]
    assert got == expected


def test_team_creates_programme_adds_items_and_publishes(client, team, login_as):
    login_as(team)
    event = make_event(kind=Event.Kind.CONFERENCE, capacity=None)
    base = f"/team/veranstaltungen/{event.pk}/programm/"
    assert client.post(base, {"action": "create"}).status_code == 302
    conference = Conference.objects.get(event=event)
    assert (
        client.post(
            base + "raum/neu/", {"name": "Saal", "capacity": "40", "step_free": "on", "position": "1"}
        ).status_code
        == 302
    )
    start = event.start.astimezone().strftime("%Y-%m-%dT%H:%M")
    end = event.end.astimezone().strftime("%Y-%m-%dT%H:%M")
    assert client.post(base + "zeitfenster/neu/", {"start": start, "end": end}).status_code == 302
    room, slot = conference.rooms.get(), conference.slots.get()
    data = {"kind": "workshop", "title": "Asylrecht kompakt", "slot": slot.pk, "room": room.pk, "capacity": "20"}
    assert client.post(base + "programmpunkt/neu/", data).status_code == 302
    assert client.post(base, {"action": "publish"}).status_code == 302
    conference.refresh_from_db()
    assert conference.published
    assert client.get(f"/veranstaltungen/{event.slug}/programm/").status_code == 200
    actions = set(Entry.objects.filter(action__startswith="conference.").values_list("action", flat=True))
    assert actions >= {
        "conference.created",
        "conference.room_saved",
        "conference.slot_saved",
        "conference.session_saved",
        "conference.published",
    }


def test_room_and_speaker_clashes_are_refused_with_a_message(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=1, workshops=2)
    first, second = workshops(conference)[0]
    speaker = first.speakers.get()
    base = f"/team/veranstaltungen/{conference.event.pk}/programm/"
    data = {
        "kind": "workshop",
        "title": "Doppelt belegt",
        "slot": first.slot_id,
        "room": first.room_id,
        "capacity": "10",
        "speakers": [speaker.pk],
    }
    response = client.post(base + "programmpunkt/neu/", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "findet zur selben Zeit „Workshop 1.1“ statt" in html
    assert f"{speaker.name} spricht zur selben Zeit in „Workshop 1.1“" in html
    assert 'value="Doppelt belegt"' in html  # nothing typed is lost
    assert not Session.objects.filter(title="Doppelt belegt").exists()


def test_clashes_in_the_programme_are_listed(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=1, workshops=2)
    first, second = workshops(conference)[0]
    Session.objects.filter(pk=second.pk).update(room=first.room)
    html = client.get(f"/team/veranstaltungen/{conference.event.pk}/programm/").content.decode()
    assert "Konflikte im Programm" in html and "Raum 1" in html


def test_two_editors_do_not_overwrite_each_other(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=1, workshops=1)
    room = Room.objects.get(conference=conference, name="Raum 1")
    url = f"/team/veranstaltungen/{conference.event.pk}/programm/raum/{room.pk}/"
    first = {"name": "Raum A", "capacity": "30", "position": "0", "version": room.version}
    second = {"name": "Raum B", "capacity": "12", "position": "0", "version": room.version}
    assert client.post(url, first).status_code == 302
    response = client.post(url, second)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Jemand anderes hat diesen Eintrag inzwischen geändert" in html and 'value="Raum B"' in html
    room.refresh_from_db()
    assert room.name == "Raum A"
    # Saving again, now knowing the new state, overwrites.
    assert client.post(url, {**second, "version": room.version}).status_code == 302
    room.refresh_from_db()
    assert room.name == "Raum B"


def test_check_in_per_workshop_counts_and_audits(client, team, login_as):
    conference = make_conference(slots=1, workshops=2, capacity=5)
    first, _second = workshops(conference)[0]
    people = [register_with_wishes(conference, (first, None), name=f"Person {n}") for n in range(3)]
    login_as(team)
    base = f"/team/veranstaltungen/{conference.event.pk}/programm/workshops/"
    choice = Choice.objects.get(registration=people[0])
    response = client.post(f"{base}{first.pk}/einlass/anwesend/", {"choice": choice.pk, "action": "present"})
    assert response.status_code == 302
    html = client.get(f"{base}{first.pk}/einlass/").content.decode()
    assert "1 von 3 anwesend" in html and "Person 2" in html
    assert Entry.objects.filter(action="conference.checked_in", target_id=str(choice.pk)).exists()
    client.post(f"{base}{first.pk}/einlass/anwesend/", {"choice": choice.pk, "action": "undo"})
    choice.refresh_from_db()
    assert choice.checked_in_at is None


def test_list_pages_have_a_fixed_number_of_queries(client, team, login_as):
    login_as(team)
    counts = []
    for size in (1, 4):
        conference = make_conference(slots=size, workshops=size)
        for sessions in workshops(conference):
            register_with_wishes(conference, (sessions[0], None))
        per_page = []
        for page in PAGES:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"/team/veranstaltungen/{conference.event.pk}/programm/{page}").status_code == 200
            per_page.append(len(queries))
        counts.append(per_page)
    assert counts[0] == counts[1]


def _session_data(session, **changes):
    data = {
        "kind": session.kind,
        "title": session.title,
        "slot": session.slot_id,
        "room": session.room_id or "",
        "capacity": session.capacity if session.capacity is not None else "",
        "version": session.version,
    }
    return {**data, **changes}


def test_deleting_a_chosen_workshop_asks_first_and_refuses_what_changed_meanwhile(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=1, workshops=2, capacity=5)
    first = workshops(conference)[0][0]
    register_with_wishes(conference, (first, None), email="gewaehlt@example.org")
    url = f"/team/veranstaltungen/{conference.event.pk}/programm/programmpunkt/{first.pk}/"
    ask = client.post(url, {"delete": "1", "version": first.version})
    assert ask.status_code == 200 and "1 Person hat diesen Workshop gewählt" in ask.content.decode()
    assert Session.objects.filter(pk=first.pk).exists()
    # Meanwhile a colleague renames it: the confirmation (with the old version) deletes nothing.
    Session.objects.filter(pk=first.pk).update(title="Workshop 1.1 neu", version=first.version + 1)
    refused = client.post(url, {"delete": "confirmed", "version": first.version}, follow=True)
    assert "inzwischen geändert" in refused.content.decode()
    assert Session.objects.filter(pk=first.pk).exists()
    client.post(url, {"delete": "confirmed", "version": first.version + 1})
    assert not Session.objects.filter(pk=first.pk).exists()
    assert Choice.objects.get(registration__email="gewaehlt@example.org").status == "removed"


def test_a_chosen_workshop_does_not_move_to_another_slot_and_more_places_fill_its_waiting_list(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=2, workshops=1, capacity=1)
    (first,), (later,) = workshops(conference)
    register_with_wishes(conference, (first, None))
    waiting = register_with_wishes(conference, (first, None))
    url = f"/team/veranstaltungen/{conference.event.pk}/programm/programmpunkt/{first.pk}/"
    moved = client.post(url, _session_data(first, slot=later.slot_id))
    assert moved.status_code == 200 and "in seinem Zeitfenster gewählt" in moved.content.decode()
    first.refresh_from_db()
    assert first.slot_id != later.slot_id
    assert client.post(url, _session_data(first, capacity=2)).status_code == 302
    assert Choice.objects.get(registration=waiting).status == "place"


def test_saving_what_someone_deleted_meanwhile_says_so(client, team, login_as):
    login_as(team)
    conference = make_conference(slots=1, workshops=1)
    room = Room.objects.get(conference=conference, name="Raum 1")
    data = {"name": "Raum A", "capacity": "30", "position": "0", "version": room.version}
    form = RoomForm(data, instance=room, conference=conference)
    assert form.is_valid()
    Session.objects.filter(room=room).delete()
    Room.objects.filter(pk=room.pk).delete()  # a colleague removed it meanwhile
    with pytest.raises(services.Gone):
        services.save_item(actor=team, form=form, conference=conference)
