"""Check-in at the door: plain forms (POST, redirect back to the same search), htmx fragments,
sessions, walk-ins, and the attendance fact reports count after anonymisation."""

from datetime import timedelta

import pytest

from audit.models import Entry
from events.models import Session
from events.testing import make_event
from participants.models import CheckIn, WalkIn
from registrations.models import Booking
from registrations.testing import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def door(event):
    return f"/team/veranstaltungen/{event.pk}/einlass/"


def test_search_tick_and_undo_without_javascript(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0)
    anna = make_participant(event, name="Anna Albrecht")
    make_participant(event, name="Bernd Bauer")
    page = client.post(door(event), {"q": "albr"}, follow=True).content.decode()
    assert "Anna Albrecht" in page and "Bernd Bauer" not in page
    assert "0</strong> von 2 anwesend" in page
    response = client.post(door(event) + "anwesend/", {"booking": anna.pk, "action": "present"})
    assert response.status_code == 302 and response["Location"] == door(event)
    anna.refresh_from_db()
    assert anna.attended is True
    assert CheckIn.objects.get(booking=anna).session is None
    page = client.get(response["Location"]).content.decode()
    assert "1</strong> von 2 anwesend" in page and "Rückgängig" in page
    assert "Bernd Bauer" not in page  # the search is still on after the tick
    client.post(door(event) + "anwesend/", {"booking": anna.pk, "action": "present"})  # a double tap counts once
    assert CheckIn.objects.filter(booking=anna).count() == 1
    client.post(door(event) + "anwesend/", {"booking": anna.pk, "action": "undo"})
    anna.refresh_from_db()
    assert anna.attended is None and not CheckIn.objects.exists()
    entries = Entry.objects.filter(action__startswith="attendance.").order_by("id")
    actions = list(entries.values_list("action", flat=True))
    assert actions == ["attendance.checked_in", "attendance.undone"]


def test_htmx_tick_returns_the_row_and_the_counts_only(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0)
    anna = make_participant(event, name="Anna Albrecht")
    response = client.post(
        door(event) + "anwesend/", {"booking": anna.pk, "action": "present"}, headers={"HX-Request": "true"}
    )
    fragment = response.content.decode()
    assert response.status_code == 200 and "<html" not in fragment
    assert f'id="checkin-{anna.pk}"' in fragment and "anwesend" in fragment
    assert 'id="checkin-counts"' in fragment and 'hx-swap-oob="true"' in fragment
    assert "1</strong> von 1 anwesend" in fragment


def test_people_without_a_place_cannot_be_ticked(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0, capacity=1)
    make_participant(event)
    waiting = make_participant(event, name="Wartend")
    assert "Wartend" not in client.get(door(event)).content.decode()
    client.post(door(event) + "anwesend/", {"booking": waiting.pk, "action": "present"})
    assert not CheckIn.objects.filter(booking=waiting).exists()


def test_other_events_bookings_are_not_found(client, team, login_as):
    login_as(team)
    event, other = make_event(days_ahead=0), make_event(days_ahead=0)
    stranger = make_participant(other)
    response = client.post(door(event) + "anwesend/", {"booking": stranger.pk, "action": "present"})
    assert response.status_code == 404
    assert not CheckIn.objects.exists()


def test_check_in_per_session_of_a_multi_day_event(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0, hours=32)
    day1 = Session.objects.create(event=event, title="Tag 1", start=event.start, end=event.start + timedelta(hours=7))
    day2 = Session.objects.create(event=event, title="Tag 2", start=event.start + timedelta(days=1), end=event.end)
    anna = make_participant(event, name="Anna Albrecht")
    page = client.get(door(event)).content.decode()
    assert "Tag 1" in page and "Tag 2" in page
    client.post(door(event) + "anwesend/", {"booking": anna.pk, "termin": day2.pk, "action": "present"})
    assert CheckIn.objects.get(booking=anna).session == day2
    page = client.get(door(event), {"termin": day1.pk}).content.decode()
    assert "0</strong> von 1 anwesend" in page
    page = client.get(door(event), {"termin": day2.pk}).content.decode()
    assert "1</strong> von 1 anwesend" in page
    assert client.get(door(event), {"termin": 999999}).status_code == 404


def test_walk_in_gets_a_place_is_marked_and_present_without_mail(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0, capacity=1)
    make_participant(event)
    response = client.post(
        door(event) + "ohne-anmeldung/",
        {
            "name": " Walter  Spontan ",
            "organisation": "Nachbarschaftshilfe",
            "municipality": "Freital",
            "role": "volunteer",
        },
    )
    assert response.status_code == 302
    booking = Booking.objects.get(registration__name="Walter Spontan")
    assert booking.status == Booking.Status.CONFIRMED and booking.attended is True
    assert WalkIn.objects.filter(registration=booking.registration, added_by=team).exists()
    assert booking.registration.municipality.name == "Freital"
    assert booking.registration.email == "" and booking.registration.entered_by_team
    page = client.get(response["Location"]).content.decode()
    assert "Walter Spontan" in page and "ohne Anmeldung" in page and "1</strong> von 2 anwesend" in page
    from mail.models import OutboxMessage

    assert not OutboxMessage.objects.filter(belongs_to=booking.registration.outbox_key).exists()


def test_walk_in_message_names_nobody(client, team, login_as):
    """Messages travel in a cookie or the session, so they must not carry the person's name."""
    login_as(team)
    event = make_event(days_ahead=0)
    response = client.post(
        door(event) + "ohne-anmeldung/", {"name": "Walter Spontan", "role": "volunteer"}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["Person ohne Anmeldung erfasst."]
    assert "Person ohne Anmeldung erfasst." in response.content.decode()
    assert "Spontan" not in str(dict(client.session.items()))
    assert "Spontan" not in " ".join(morsel.value for morsel in response.cookies.values())
    english = client.post(
        "/en" + door(event) + "ohne-anmeldung/", {"name": "Wanda Walk", "role": "volunteer"}, follow=True
    )
    assert [str(message) for message in english.context["messages"]] == ["Walk-in recorded."]


def test_walk_in_form_keeps_input_and_refuses_an_address_already_registered(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0)
    make_participant(event, email="schon@example.org")
    response = client.post(
        door(event) + "ohne-anmeldung/", {"name": "Doppelt", "email": "schon@example.org", "role": "volunteer"}
    )
    page = response.content.decode()
    assert "Mit dieser Adresse ist schon jemand angemeldet" in page and 'value="Doppelt"' in page
    response = client.post(door(event) + "ohne-anmeldung/", {"name": "", "role": "volunteer"})
    assert "Bitte geben Sie den Namen der Person an." in response.content.decode()
    assert not WalkIn.objects.exists()


def test_walk_in_at_a_course_module_refuses_an_address_registered_for_the_course(client, team, login_as):
    login_as(team)
    from registrations.tests.helpers import register

    course = make_event(kind="fortbildung", title="Multiplikator_innen-Kurs", capacity=None, days_ahead=20)
    module = make_event(course=course, title="Modul 1", days_ahead=20)
    registration = register(course, email="kurs@example.org")  # the registration belongs to the course
    assert registration.event == course and registration.bookings.get().event == module
    response = client.post(
        door(module) + "ohne-anmeldung/", {"name": "Doppelt", "email": "Kurs@Example.org", "role": "volunteer"}
    )
    assert "Mit dieser Adresse ist schon jemand angemeldet" in response.content.decode()
    assert not WalkIn.objects.exists()
    # A new address is fine at the module.
    client.post(door(module) + "ohne-anmeldung/", {"name": "Neu", "email": "neu@example.org", "role": "volunteer"})
    assert WalkIn.objects.get().registration.event == module


def test_attendance_survives_anonymisation_for_reports(client, team, login_as):
    login_as(team)
    from registrations.retention import anonymise_registration
    from registrations.statistics import participant_statistics

    event = make_event(days_ahead=0)
    anna = make_participant(event)
    make_participant(event)
    client.post(door(event) + "anwesend/", {"booking": anna.pk, "action": "present"})
    before = participant_statistics(events=[event])
    from django.utils import timezone

    for booking in Booking.objects.filter(event=event).select_related("registration"):
        anonymise_registration(booking.registration, now=timezone.now())
    after = participant_statistics(events=[event])
    assert before["attended"] == after["attended"] == 1
    assert CheckIn.objects.filter(booking=anna).exists()


def test_a_tick_with_a_broken_booking_id_is_not_found_and_changes_nothing(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=0)
    make_participant(event, name="Anna Albrecht")
    for junk in ("abc", "1.5", "", "-1", "99999999999999999999"):
        response = client.post(door(event) + "anwesend/", {"booking": junk, "action": "present"})
        assert response.status_code == 404, junk
    assert not CheckIn.objects.exists()
    assert not Entry.objects.filter(action__startswith="attendance.").exists()
