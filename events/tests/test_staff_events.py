"""Planning through the real views: create, edit with optimistic locking, copy, status changes, sessions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.testing import make_user
from audit.models import Entry
from events.models import AgendaItem, Event, Session
from events.testing import (
    make_contact,
    make_event,
    make_language,
    make_partner,
    make_target_group,
    make_topic,
    make_venue,
)
from mail.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
BERLIN = ZoneInfo("Europe/Berlin")


def form_data(event, **changes):
    local = timezone.localtime
    data = {
        "version": event.version,
        "kind": event.kind,
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "start": local(event.start).strftime("%Y-%m-%dT%H:%M") if event.start else "",
        "end": local(event.end).strftime("%Y-%m-%dT%H:%M") if event.end else "",
        "registration_deadline": local(event.registration_deadline).strftime("%Y-%m-%dT%H:%M")
        if event.registration_deadline
        else "",
        "capacity": event.capacity or "",
        "costs": "0",
        "costs_note": "",
        "catering": "",
        "attendance_mode": event.attendance_mode,
        "venue": event.venue_id or "",
        "contact": event.contact_id or "",
        "topics": [t.pk for t in event.topics.all()],
        "target_groups": [],
        "languages": [],
        "partners": [p.pk for p in event.partners.all()],
        "trainers": [t.pk for t in event.trainers.all()],
    }
    data.update(changes)
    return data


def test_create_a_draft_without_date_and_venue(client, team, login_as):
    login_as(team)
    response = client.post(
        "/team/veranstaltungen/neu/",
        {
            "kind": "schulung",
            "title": "Schulung in Riesa",
            "summary": "Grundlagen.",
            "costs": "0",
            "attendance_mode": "offline",
        },
    )
    event = Event.objects.get(title="Schulung in Riesa")
    assert response["Location"] == f"/team/veranstaltungen/{event.pk}/"
    assert event.status == "draft" and event.start is None and event.venue is None
    assert Entry.objects.get(action="event.created").target_id == str(event.pk)


def test_form_errors_keep_the_typed_values_and_say_what_to_do(client, team, login_as):
    login_as(team)
    response = client.post(
        "/team/veranstaltungen/neu/",
        {
            "kind": "schulung",
            "title": "Schulung in Riesa",
            "summary": "",
            "costs": "0",
            "attendance_mode": "offline",
            "start": "2030-03-01T10:00",
            "end": "2030-03-01T09:00",
        },
    )
    html = response.content.decode()
    assert "Beschreiben Sie die Veranstaltung in ein, zwei Sätzen." in html
    assert "Das Ende liegt vor dem Beginn" in html
    assert 'value="Schulung in Riesa"' in html and 'value="2030-03-01T10:00"' in html
    assert not Event.objects.filter(title="Schulung in Riesa").exists()


def test_publishing_is_refused_while_date_venue_or_contact_are_missing(client, team, login_as):
    login_as(team)
    event = Event.objects.create(kind="schulung", title="Ohne Datum", slug="ohne-datum", summary="x")
    page = client.get(f"/team/veranstaltungen/{event.pk}/veroeffentlichen/").content.decode()
    assert "Es fehlen Beginn oder Ende" in page and "Es fehlt der Ort" in page and "Es fehlt die Ansprechperson" in page
    response = client.post(f"/team/veranstaltungen/{event.pk}/veroeffentlichen/")
    assert response.status_code == 409
    event.refresh_from_db()
    assert event.status == "draft"
    assert not Entry.objects.filter(action="event.published").exists()


def test_publish_a_complete_draft(client, team, login_as):
    login_as(team)
    event = make_event(status="draft")
    response = client.post(f"/team/veranstaltungen/{event.pk}/veroeffentlichen/", follow=True)
    assert "Die Veranstaltung ist veröffentlicht." in response.content.decode()
    event.refresh_from_db()
    assert event.status == "published" and event.version == 2
    assert client.get(event.get_absolute_url()).status_code == 200


def test_a_held_event_cannot_be_cancelled_and_a_future_one_cannot_be_held(client, team, login_as):
    login_as(team)
    held = make_event(days_ahead=-30, status="held")
    response = client.post(f"/team/veranstaltungen/{held.pk}/absagen/")
    assert response.status_code == 409
    assert "hat schon stattgefunden" in response.content.decode()
    future = make_event(days_ahead=10)
    response = client.post(f"/team/veranstaltungen/{future.pk}/durchgefuehrt/")
    assert "noch nicht zu Ende" in response.content.decode()
    future.refresh_from_db()
    assert future.status == "published"
    past = make_event(days_ahead=-2)
    client.post(f"/team/veranstaltungen/{past.pk}/durchgefuehrt/")
    past.refresh_from_db()
    assert past.status == "held"


def test_cancel_informs_everyone_registered_through_the_outbox(client, team, login_as):
    login_as(team)
    from registrations.models import Booking

    event = make_event()
    _register(event, "a@example.org", Booking.Status.CONFIRMED)
    _register(event, "b@example.org", Booking.Status.WAITING)
    response = client.post(f"/team/veranstaltungen/{event.pk}/absagen/", follow=True)
    assert "2 angemeldete Personen werden per E-Mail informiert" in response.content.decode()
    event.refresh_from_db()
    assert event.status == "cancelled"
    assert sorted(OutboxMessage.objects.values_list("to", flat=True)) == ["a@example.org", "b@example.org"]
    assert Entry.objects.get(action="event.cancelled").details == {"informed": 2}


def _register(event, email, status):
    """A registration row as the registrations app stores it (its form flow is tested there)."""
    import uuid

    from registrations.models import Booking, Registration

    values = {"event": event, "email": email, "name": "Vorname Nachname", "language": "de"}
    values.update(role="volunteer", submission_key=uuid.uuid4().hex)
    for field in Registration._meta.concrete_fields:
        if field.name in values or field.has_default() or field.null or field.blank or field.primary_key:
            continue
        if field.get_internal_type() in ("CharField", "TextField"):
            values[field.name] = "v1"
    registration = Registration.objects.create(**values)
    return Booking.objects.create(registration=registration, event=event, status=status)


def test_two_team_members_do_not_overwrite_each_other(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Meißen", place="Meißen")
    opened_by_both = form_data(event)
    first = client.post(
        f"/team/veranstaltungen/{event.pk}/bearbeiten/", {**opened_by_both, "title": "Schulung Meißen (neu)"}
    )
    assert first.status_code == 302
    second = client.post(
        f"/team/veranstaltungen/{event.pk}/bearbeiten/", {**opened_by_both, "summary": "Mein neuer Text."}
    )
    html = second.content.decode()
    assert second.status_code == 200
    assert "Jemand anderes hat diese Veranstaltung gespeichert" in html
    assert "Mein neuer Text." in html  # the typed value is kept
    assert "Schulung Meißen (neu)" in html  # the other person's saved value is shown
    event.refresh_from_db()
    assert event.title == "Schulung Meißen (neu)" and event.summary != "Mein neuer Text."
    assert f'name="version" value="{event.version}"' in html  # saving again is a deliberate overwrite
    third = client.post(
        f"/team/veranstaltungen/{event.pk}/bearbeiten/",
        {**opened_by_both, "summary": "Mein neuer Text.", "version": event.version},
    )
    assert third.status_code == 302
    event.refresh_from_db()
    assert event.summary == "Mein neuer Text." and event.version == 3


def test_changing_time_of_a_published_event_informs_registered_people(client, team, login_as):
    login_as(team)
    from registrations.models import Booking

    event = make_event()
    _register(event, "c@example.org", Booking.Status.CONFIRMED)
    new_start = timezone.localtime(event.start + timedelta(days=1))
    new_end = timezone.localtime(event.end + timedelta(days=1))
    client.post(
        f"/team/veranstaltungen/{event.pk}/bearbeiten/",
        form_data(event, start=new_start.strftime("%Y-%m-%dT%H:%M"), end=new_end.strftime("%Y-%m-%dT%H:%M")),
    )
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["c@example.org"]
    entry = Entry.objects.get(action="event.changed")
    assert entry.details == {"fields": ["end", "start"]}
    client.post(f"/team/veranstaltungen/{event.pk}/bearbeiten/", form_data(Event.objects.get(pk=event.pk), title="Neu"))
    assert OutboxMessage.objects.count() == 1  # a new title is no reason to write


def test_copy_across_a_daylight_saving_change_keeps_the_local_times(client, clock, team, login_as):
    clock.move_to(datetime(2027, 1, 10, 12, 0, tzinfo=BERLIN))
    login_as(team)
    march = datetime(2027, 3, 27, 9, 0, tzinfo=BERLIN)  # winter time; the clocks change the next night
    course = make_event(title="Fortbildung März", kind="fortbildung", start=march, end=march + timedelta(hours=7))
    Session.objects.create(event=course, title="Tag 1", start=march, end=march + timedelta(hours=3))
    second_day = march + timedelta(days=1)
    make_event(
        title="Modul 2", kind="fortbildung", course=course, start=second_day, end=second_day + timedelta(hours=6)
    )

    april = datetime(2027, 4, 10, 9, 0, tzinfo=BERLIN)  # summer time
    copy_form = {"start": "2027-04-10T09:00", "title": "Fortbildung April"}
    client.post(f"/team/veranstaltungen/{course.pk}/kopieren/", copy_form)

    copy = Event.objects.get(title="Fortbildung April")
    assert copy.start == april and copy.end == april + timedelta(hours=7)
    assert timezone.localtime(copy.sessions.get().start) == april
    assert timezone.localtime(copy.modules.get().start) == datetime(2027, 4, 11, 9, 0, tzinfo=BERLIN)


def test_copy_last_years_event_with_its_relations(client, team, login_as):
    login_as(team)
    topic, group, language = make_topic(), make_target_group(), make_language()
    partner = make_partner()
    trainer = make_user("trainer")
    course = make_event(
        title="Fortbildung 2025",
        kind="fortbildung",
        days_ahead=-365,
        status="held",
        topics=[topic],
        target_groups=[group],
        languages=[language],
        partners=[partner],
    )
    course.trainers.add(trainer)
    AgendaItem.objects.create(event=course, time="10:00", title="Begrüßung", position=1)
    module = make_event(title="Modul 1", kind="fortbildung", course=course, days_ahead=-364, status="held")
    Session.objects.create(event=course, title="Tag 1", start=course.start, end=course.end)
    from registrations.models import Question

    Question.objects.create(event=course, label="Brauchen Sie eine Übernachtung?", kind="yesno")

    new_start = timezone.localtime(course.start + timedelta(days=365))
    response = client.post(
        f"/team/veranstaltungen/{course.pk}/kopieren/",
        {"start": new_start.strftime("%Y-%m-%dT%H:%M"), "title": "Fortbildung 2026"},
    )
    copy = Event.objects.get(title="Fortbildung 2026")
    assert response["Location"] == f"/team/veranstaltungen/{copy.pk}/"
    assert copy.status == "draft" and copy.copied_from == course
    assert copy.end - copy.start == course.end - course.start
    assert list(copy.topics.all()) == [topic] and list(copy.target_groups.all()) == [group]
    assert list(copy.languages.all()) == [language] and list(copy.partners.all()) == [partner]
    assert list(copy.trainers.all()) == [trainer]
    assert list(copy.agenda.values_list("title", flat=True)) == ["Begrüßung"]
    assert copy.sessions.get().start == course.start + timedelta(days=365)
    copied_module = copy.modules.get()
    assert copied_module.title == "Modul 1" and copied_module.start == module.start + timedelta(days=365)
    assert list(copy.registration_questions.values_list("label", flat=True)) == ["Brauchen Sie eine Übernachtung?"]
    assert Entry.objects.filter(action="event.copied", target_id=str(copy.pk)).get().details == {"source": course.pk}
    course.refresh_from_db()
    assert course.status == "held" and course.agenda.count() == 1  # the original is untouched


def test_copy_to_a_far_off_year_says_what_to_do_instead_of_failing(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Pirna")
    for start in ("9999-12-31T23:59", "0001-01-01T00:00"):
        response = client.post(f"/team/veranstaltungen/{event.pk}/kopieren/", {"start": start})
        assert response.status_code == 200
        assert "Geben Sie ein Datum zwischen den Jahren 2000 und 2100 ein." in response.content.decode()
    english = client.post(f"/en/team/veranstaltungen/{event.pk}/kopieren/", {"start": "9999-12-31T23:59"})
    assert "Enter a date between the years 2000 and 2100." in english.content.decode()
    assert Event.objects.filter(title="Schulung Pirna").count() == 1
    assert not Entry.objects.filter(action="event.copied").exists()


def test_sessions_of_a_multi_day_event(client, team, login_as):
    login_as(team)
    event = make_event(hours=30)
    trainer = make_user("trainer")
    start = timezone.localtime(event.start)
    response = client.post(
        f"/team/veranstaltungen/{event.pk}/termine/neu/",
        {
            "title": "Tag 1",
            "start": start.strftime("%Y-%m-%dT%H:%M"),
            "end": (start + timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M"),
            "trainers": [trainer.pk],
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(event=event)
    assert list(session.trainers.all()) == [trainer]
    assert "Tag 1" in client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    # the trainer of a session sees the event
    from events.permissions import events_visible_to

    trainer.is_verified = lambda: True
    assert list(events_visible_to(trainer)) == [event]
    client.post(f"/team/veranstaltungen/{event.pk}/termine/{session.pk}/loeschen/")
    assert not Session.objects.exists()
    assert [e.action for e in Entry.objects.order_by("id")] == ["event.session_saved", "event.session_deleted"]


def test_course_modules_are_created_from_the_course_page(client, team, login_as):
    login_as(team)
    course = make_event(kind="fortbildung", title="Multiplikator_innen-Fortbildung")
    page = client.get(f"/team/veranstaltungen/{course.pk}/").content.decode()
    assert f"/team/veranstaltungen/neu/?fortbildung={course.pk}" in page
    client.post(
        f"/team/veranstaltungen/neu/?fortbildung={course.pk}",
        {
            "kind": "fortbildung",
            "title": "Modul 2: Asylverfahren",
            "summary": "x",
            "costs": "0",
            "attendance_mode": "offline",
            "venue": make_venue().pk,
            "contact": make_contact().pk,
        },
    )
    module = Event.objects.get(title="Modul 2: Asylverfahren")
    assert module.course == course
    assert "Modul 2: Asylverfahren" in client.get(f"/team/veranstaltungen/{course.pk}/").content.decode()


def test_a_module_cannot_get_modules_of_its_own(client, team, login_as):
    login_as(team)
    course = make_event(kind="fortbildung", title="Multiplikator_innen-Fortbildung")
    module = make_event(kind="fortbildung", title="Modul 1", course=course)
    url = f"/team/veranstaltungen/neu/?fortbildung={module.pk}"
    assert client.get(url).status_code == 404
    data = {"kind": "fortbildung", "title": "Modul von Modul", "summary": "x", "costs": "0"}
    data |= {"attendance_mode": "offline", "venue": make_venue().pk, "contact": make_contact().pk}
    assert client.post(url, data).status_code == 404
    assert not Event.objects.filter(title="Modul von Modul").exists()
    assert not Event.objects.filter(course=module).exists()


def test_back_office_page_in_english(client, team, login_as):
    login_as(team)
    make_event(title="Schulung Zwickau", place="Zwickau")
    html = client.get("/en/team/veranstaltungen/").content.decode()
    assert "Events" in html and "Create event" in html and "Schulung Zwickau" in html
