"""Retention with a fixed clock: reports add up before and after, personal fields are gone."""

from datetime import UTC, datetime, timedelta

import pytest

from accounts.testing import make_user
from core.registry import periodic_schedule
from events.models import Event
from events.testing import make_event
from privacy.retention import apply_retention
from registrations.models import Booking, Registration
from registrations.retention import anonymise_after, attendance_list_kept_until
from registrations.statistics import participant_statistics
from registrations.testing import register
from registrations.tokens import personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def event_ended(days_before_now, **fields):
    start = NOW - timedelta(days=days_before_now)
    return make_event(
        start=start, end=start + timedelta(hours=6), registration_deadline=start - timedelta(days=2), **fields
    )


def test_statistics_are_equal_before_and_after_anonymisation_and_personal_fields_are_gone():
    earlier = event_ended(600)
    old = event_ended(400)
    register(earlier, email="wiederkehrend@example.org", attended=True)
    returning = register(old, email="wiederkehrend@example.org", role="professional", place="Görlitz", attended=True)
    absent = register(old, role="volunteer", place="Pirna", attended=False)
    unknown = register(old, role="administration", place="Leipzig")
    recent = event_ended(30)
    kept = register(recent, attended=True)
    assert returning.first_time is False

    before_old = participant_statistics(events=[old])
    before_all = participant_statistics()
    result = apply_retention(now=NOW)
    assert result.anonymised == 4  # three at the old event, one at the earlier one; the recent one stays
    assert participant_statistics(events=[old]) == before_old
    assert participant_statistics() == before_all
    assert before_old["by_district"]  # the comparison covered real groups, not empty dicts
    assert before_old["returning"] == 1 and before_old["attended"] == 1 and before_old["absent"] == 1

    for registration in (absent, unknown):
        registration.refresh_from_db()
        assert registration.name == "" and registration.organisation == ""
        assert registration.phone == "" and registration.accessibility_needs == "" and registration.diet == ""
        assert registration.email.endswith("@anonymised.invalid")
        assert registration.anonymised_at == NOW
        assert registration.role and registration.municipality_id  # the report facts stay
    returning.refresh_from_db()
    # Explicit rule: people who attended stay on the funders' attendance list (name, organisation).
    assert returning.name.startswith("Privat Person") and returning.organisation == "Willkommensinitiative"
    assert returning.email.endswith("@anonymised.invalid") and returning.phone == ""
    kept.refresh_from_db()
    assert kept.anonymised_at is None and kept.email.endswith("@example.org")


def test_attendance_list_names_go_when_their_own_period_ends(settings):
    old = event_ended(400)
    attendee = register(old, attended=True)
    apply_retention(now=NOW)
    attendee.refresh_from_db()
    assert attendee.name
    later = NOW + timedelta(days=round(365.25 * settings.PRIVACY_RETENTION["attendance_list_years"]))
    result = apply_retention(now=later)
    attendee.refresh_from_db()
    assert attendee.name == "" and attendee.organisation == ""
    assert result.attendance_names_removed == 1


def test_unconfirmed_registrations_are_deleted_after_30_days_and_kept_before():
    soon = make_event(days_ahead=60)
    stale = register(soon, confirm=False, days_before=120)
    fresh = register(soon, confirm=False, days_before=40)
    confirmed = register(soon, days_before=120)
    Registration.objects.filter(pk__in=[stale.pk, fresh.pk]).update(is_active=False)  # lapsed
    result = apply_retention(now=soon.start - timedelta(days=20))
    assert result.unconfirmed_deleted == 1
    assert not Registration.objects.filter(pk=stale.pk).exists()
    assert not Booking.objects.filter(registration_id=stale.pk).exists()
    assert Registration.objects.filter(pk__in=[fresh.pk, confirmed.pk]).count() == 2


def test_a_second_run_changes_nothing():
    old = event_ended(400)
    register(old)
    apply_retention(now=NOW)
    again = apply_retention(now=NOW)
    assert (again.anonymised, again.unconfirmed_deleted, again.attendance_names_removed) == (0, 0, 0)


def test_back_office_date_follows_the_configured_period(settings):
    event = event_ended(10)
    registration = register(event, attended=True)
    assert anonymise_after(registration) == event.end + timedelta(days=365)
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "participant_months_after_event": 6}
    assert anonymise_after(registration) == event.end + timedelta(days=183)
    assert attendance_list_kept_until(registration) > anonymise_after(registration)
    absent = register(event, attended=False)
    assert attendance_list_kept_until(absent) is None


def test_a_course_is_anonymised_after_its_last_module():
    course = make_event(kind=Event.Kind.COURSE, days_ahead=-500)
    first = make_event(course=course, days_ahead=-500, status=Event.Status.PUBLISHED)
    last = make_event(course=course, days_ahead=-300, status=Event.Status.PUBLISHED)
    for module in (first, last):
        module.start = NOW - timedelta(days=500 if module == first else 300)
        module.end = module.start + timedelta(hours=6)
        module.registration_deadline = first.start - timedelta(days=2)
        module.save()
    course.start, course.registration_deadline = first.start, first.start - timedelta(days=2)
    course.end = last.end
    course.save()
    registration = register(course)
    assert registration.bookings.count() == 2
    assert anonymise_after(registration) == last.end + timedelta(days=365)
    assert apply_retention(now=NOW).anonymised == 0  # the last module ended 300 days ago


def test_the_personal_link_stops_working_once_anonymised(client):
    old = event_ended(400)
    registration = register(old)
    token = personal_token(registration)
    assert client.get(f"/anmeldung/{token}/").status_code == 200
    apply_retention(now=NOW)
    response = client.get(f"/anmeldung/{token}/")
    assert response.status_code == 404
    assert "Privat Person" not in response.content.decode()


def test_old_audit_entries_and_old_mails_in_any_state_are_deleted():
    from audit.models import Entry
    from mail.models import OutboxMessage

    old_entry = Entry.objects.create(action="participants.viewed", created_at=NOW - timedelta(days=800))
    new_entry = Entry.objects.create(action="participants.viewed", created_at=NOW - timedelta(days=10))

    def mail(n, days_ago, **fields):
        row = OutboxMessage.objects.create(
            to=f"person{n}@example.org", language="de", template="x", message_id=f"<{n}@test>", **fields
        )
        OutboxMessage.objects.filter(pk=row.pk).update(created_at=NOW - timedelta(days=days_ago))
        return row

    mail(1, 40, status="sent", sent_at=NOW - timedelta(days=40))
    mail(2, 40, status="failed")
    mail(3, 40)  # still queued after 40 days (no worker ran, or the server never answered)
    recent = mail(4, 10)
    result = apply_retention(now=NOW)
    assert result.audit_entries_deleted == 1 and result.mails_deleted == 3
    assert list(Entry.objects.values_list("pk", flat=True)) == [new_entry.pk]
    assert not Entry.objects.filter(pk=old_entry.pk).exists()
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]


def test_mails_waiting_for_the_server_go_with_the_registration_when_it_is_anonymised():
    """Yesterday the team wrote to last year's participants, invited them to the survey and sent
    the certificates, while the mail server was unreachable: every row still waits when
    retention anonymises the registration. None may keep the address or the name."""
    from documents.services import send_certificates, start_certificate_mailing
    from feedback.services import invite
    from mail.models import OutboxMessage
    from participants.models import Mailing
    from participants.services import write_to

    old = event_ended(400)
    # Without the newsletter tick: its double opt-in mail is the newsletter's, not the registration's.
    leaving = register(
        old, name="Berta Wartend", email="berta.wartend@example.org", attended=True, newsletter_consent=False
    )
    staying = register(
        event_ended(30), name="Carla Bleibt", email="carla.bleibt@example.org", attended=True, newsletter_consent=False
    )
    team = make_user("team")
    write_to(actor=team, event=old, audience=Mailing.Audience.ATTENDEES, subject="Fotos", body="Hier sind die Fotos.")
    invite(actor=team, event=old)
    mailing, _ = start_certificate_mailing(actor=team, event=old)
    send_certificates(mailing_id=mailing.pk)
    OutboxMessage.objects.update(created_at=NOW - timedelta(days=1))
    waiting = OutboxMessage.objects.filter(to=leaving.email)
    assert set(waiting.values_list("status", flat=True)) == {"queued"}
    assert {template.rsplit("/", 1)[1] for template in waiting.values_list("template", flat=True)} == {
        "confirm_address",
        "confirmed",
        "message",
        "invitation",
        "certificate",
    }
    assert "Berta Wartend" in waiting.get(template="participants/mail/message").text
    others = set(OutboxMessage.objects.filter(to=staying.email).values_list("pk", flat=True))
    assert others
    before = participant_statistics()

    result = apply_retention(now=NOW)

    assert result.anonymised == 1 and result.mails_deleted == 5
    assert not OutboxMessage.objects.filter(to__iexact="berta.wartend@example.org").exists()
    for field in ("subject", "text", "html"):
        assert not OutboxMessage.objects.filter(**{f"{field}__contains": "Berta"}).exists()
    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == others  # other people's mails stay
    assert participant_statistics() == before
    assert Mailing.objects.filter(event=old).count() == 3  # the team's record of what was sent stays


def test_retention_runs_as_a_periodic_task():
    from privacy.tasks import apply_retention as task

    assert ("privacy.tasks.apply_retention", 3600) in periodic_schedule()
    event_ended(400)
    result = task.call()
    # Every app's declared rules run; these are the registrations', the audit log's and the outbox's.
    assert set(result) >= {
        "anonymised",
        "attendance_names_removed",
        "unconfirmed_deleted",
        "audit_entries_deleted",
        "mails_deleted",
    }
