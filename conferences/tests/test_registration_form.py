"""The workshop choice inside the registration form, and the personal programme behind the personal link."""

import re

import pytest
from icalendar import Calendar

from conferences.models import Choice
from conferences.testing import make_conference, register_with_wishes, workshops
from registrations.models import Registration
from registrations.tests.helpers import form_data
from registrations.tokens import personal_token

pytestmark = pytest.mark.django_db


def post(client, event, data):
    return client.post(f"/veranstaltungen/{event.slug}/anmelden/", data)


def test_form_asks_one_workshop_per_slot_with_an_optional_second_choice(client):
    conference = make_conference(slots=3, workshops=4, capacity=2)
    full = workshops(conference)[0][0]
    register_with_wishes(conference, (full, None))
    register_with_wishes(conference, (full, None))
    html = client.get(f"/veranstaltungen/{conference.event.slug}/anmelden/").content.decode()
    for sessions in workshops(conference):
        assert f'name="workshop_{sessions[0].slot_id}"' in html
        assert f'name="workshop_{sessions[0].slot_id}_second"' in html
    assert "Workshop 1.1 (Raum 1) – ausgebucht, Warteliste" in html
    assert "Workshop 1.2 (Raum 2) – 2 Plätze frei" in html
    # The workshop questions come before the consent.
    assert html.index("workshop_") < html.index('name="privacy_consent"')


def test_register_with_a_full_first_choice_gets_the_second_and_the_page_says_so(client, open_form):
    conference = make_conference(slots=1, workshops=2, capacity=1)
    first, second = workshops(conference)[0]
    register_with_wishes(conference, (first, None))
    data = {**form_data(), **open_form(conference.event), f"workshop_{first.slot_id}": first.pk}
    data[f"workshop_{first.slot_id}_second"] = second.pk
    assert post(client, conference.event, data).status_code == 302
    registration = Registration.objects.get(email="erika@example.org")
    choice = Choice.objects.get(registration=registration)
    assert (choice.session_id, choice.status, choice.got_second_choice) == (second.pk, "place", True)
    page = client.get(f"/anmeldung/{personal_token(registration)}/programm/").content.decode()
    assert "Workshop 1.2" in page and "Ihre zweite Wahl: die erste war voll." in page


def test_the_form_sent_reads_the_conference_once_and_not_under_the_event_lock(client, open_form):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    conference = make_conference(slots=1, workshops=2)
    (first, _second), *_rest = workshops(conference)
    data = {**form_data(), **open_form(conference.event), f"workshop_{first.slot_id}": first.pk}
    with CaptureQueriesContext(connection) as ctx:
        assert post(client, conference.event, data).status_code == 302
    queries = [query["sql"] for query in ctx.captured_queries]
    # The form's fields and the hook `registration_created` share the conference read for the form.
    assert len([sql for sql in queries if 'FROM "conferences_conference"' in sql]) == 1
    # Whether the person holds an event seat comes from the bookings just written, not from a read.
    assert not [sql for sql in queries if 'AS "a" FROM "registrations_booking"' in sql]
    choice = Choice.objects.get(registration__email="erika@example.org")
    assert (choice.session_id, choice.status) == (first.pk, "place")


def test_missing_or_clashing_choices_get_clear_messages_and_keep_what_was_typed(client, open_form):
    conference = make_conference(slots=2, workshops=2)
    (a1, _a2), (b1, _b2) = workshops(conference)
    data = {**form_data(name="Tamara Tippfehler"), **open_form(conference.event), f"workshop_{a1.slot_id}": a1.pk}
    data[f"workshop_{a1.slot_id}_second"] = a1.pk
    response = post(client, conference.event, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie einen Workshop für" in html
    assert "Die zweite Wahl ist derselbe Workshop wie die erste." in html
    assert 'value="Tamara Tippfehler"' in html
    assert re.search(rf'name="workshop_{a1.slot_id}" value="{a1.pk}"[^>]*checked', html)
    assert not Registration.objects.exists()


def test_a_workshop_of_another_slot_is_refused(client, open_form):
    conference = make_conference(slots=2, workshops=2)
    (a1, _a2), (b1, b2) = workshops(conference)
    data = {
        **form_data(),
        **open_form(conference.event),
        f"workshop_{a1.slot_id}": b1.pk,
        f"workshop_{b1.slot_id}": b2.pk,
    }
    response = post(client, conference.event, data)
    assert response.status_code == 200
    assert "Diesen Workshop gibt es nicht mehr" in response.content.decode()


def test_personal_programme_swaps_into_free_places_or_waiting_lists_and_offers_its_calendar(client):
    conference = make_conference(slots=1, workshops=3, capacity=1)
    first, second, third = workshops(conference)[0]
    person = register_with_wishes(conference, (first, None))
    register_with_wishes(conference, (third, None))
    token = personal_token(person)
    personal = client.get(f"/anmeldung/{token}/").content.decode()
    assert f"/anmeldung/{token}/programm/" in personal
    page = client.get(f"/anmeldung/{token}/programm/").content.decode()
    assert "Workshop 1.2 (Raum 2) – 1 Plätze frei" in page
    assert "Workshop 1.3 (Raum 3) – ausgebucht, Warteliste" in page
    response = client.post(
        f"/anmeldung/{token}/programm/{first.slot_id}/wechseln/", {f"slot{first.slot_id}-session": second.pk}
    )
    assert response.status_code == 302
    assert Choice.objects.active().get(registration=person).session_id == second.pk
    calendar = Calendar.from_ical(client.get(f"/anmeldung/{token}/programm/kalender.ics").content)
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == ["Begrüßung und Eröffnung", "Workshop 1.2"]
    # A full workshop: on its waiting list, the place in the current one is kept meanwhile.
    response = client.post(
        f"/anmeldung/{token}/programm/{first.slot_id}/wechseln/",
        {f"slot{first.slot_id}-session": third.pk},
        follow=True,
    )
    page = response.content.decode()
    assert "Sie stehen jetzt auf seiner Warteliste" in page
    assert "Bis dahin behalten Sie Ihren Platz im Workshop „Workshop 1.2“" in page
    assert "Warteliste, Platz 1." in page
    assert Choice.objects.placed().get(registration=person).session_id == second.pk
    assert Choice.objects.waiting().get(registration=person).session_id == third.pk
    # Changing one's mind: stay in the current workshop, leave the waiting list.
    assert "Workshop 1.2 – hier bleiben, nicht mehr warten" in page
    stay = client.post(
        f"/anmeldung/{token}/programm/{first.slot_id}/wechseln/",
        {f"slot{first.slot_id}-session": second.pk},
        follow=True,
    )
    assert "Sie bleiben im Workshop „Workshop 1.2“ und warten nicht mehr." in stay.content.decode()
    assert [(c.session_id, c.status) for c in Choice.objects.active().filter(registration=person)] == [
        (second.pk, "place")
    ]


def test_tampered_personal_link_is_not_found(client):
    make_conference(slots=1, workshops=1)
    assert client.get("/anmeldung/nicht-echt/programm/").status_code == 404


def test_event_page_links_the_published_programme(client):
    conference = make_conference(slots=1, workshops=1)
    html = client.get(conference.event.get_absolute_url()).content.decode()
    assert f"/veranstaltungen/{conference.event.slug}/programm/" in html
