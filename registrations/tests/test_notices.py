"""Reminders, event changed, event cancelled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events import services as event_services
from events.testing import make_event
from mail.testing import deliver_outbox
from registrations import services
from registrations.models import Booking, Reminder
from registrations.tests.helpers import register

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_reminders_go_out_seven_days_and_one_day_before_each_once(smtp_server):
    event = make_event(days_ahead=20)
    registration = register(event, email="erinnern@example.org")
    services.confirm_address(registration=registration)
    start = event.start

    assert services.send_due_reminders(now=start - timedelta(days=10)) == 0
    assert services.send_due_reminders(now=start - timedelta(days=6, hours=23)) == 1
    assert services.send_due_reminders(now=start - timedelta(days=6)) == 0
    assert services.send_due_reminders(now=start - timedelta(hours=20)) == 1
    assert services.send_due_reminders(now=start - timedelta(hours=2)) == 0
    assert sorted(Reminder.objects.values_list("days_before", flat=True)) == [1, 7]

    deliver_outbox()
    subjects = [m.subject for m in smtp_server.messages_to("erinnern@example.org") if "Erinnerung" in m.subject]
    assert len(subjects) == 2


def test_no_seven_day_reminder_for_someone_who_registered_three_days_before():
    event = make_event(days_ahead=3)
    # Registration stays open until the day before (the default deadline, three days before the
    # start at 9:00, would already be over at most times of day).
    event.registration_deadline = event.start - timedelta(days=1)
    event.save()
    registration = register(event)
    services.confirm_address(registration=registration)
    assert services.send_due_reminders(now=timezone.now()) == 0
    assert services.send_due_reminders(now=event.start - timedelta(hours=12)) == 1


def test_event_changed_mails_everyone_registered_with_a_new_calendar(smtp_server):
    event = make_event(capacity=1)
    holder = register(event, email="platz@example.org")
    services.confirm_address(registration=holder)
    register(event, email="warte@example.org")
    event.start += timedelta(hours=1)
    event.end += timedelta(hours=1)
    event.save()
    assert services.notify_event_changed(event=event) == 2
    deliver_outbox()
    (changed,) = [m for m in smtp_server.messages_to("platz@example.org") if "Geänderter" in m.subject]
    assert changed.attachments and "10 Uhr" in changed.text or "10–" in changed.text
    assert [m for m in smtp_server.messages_to("warte@example.org") if "Geänderter" in m.subject]


def test_cancel_event_ends_every_booking_and_tells_everyone(smtp_server, client):
    event = make_event(capacity=1)
    first = register(event, email="a@example.org")
    second = register(event, email="b@example.org")
    assert event_services.cancel_event(actor=None, event=event)[1] == 2
    event.refresh_from_db()
    assert event.is_cancelled
    assert set(Booking.objects.values_list("status", flat=True)) == {"event_cancelled"}
    first.refresh_from_db()
    second.refresh_from_db()
    assert not first.is_active and not second.is_active
    deliver_outbox()
    for address in ("a@example.org", "b@example.org"):
        assert any("Abgesagt" in m.subject for m in smtp_server.messages_to(address))
