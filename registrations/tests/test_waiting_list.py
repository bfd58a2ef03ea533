"""Places freed by cancellation, lapse or expired offers go to the first person waiting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.testing import make_event
from mail.testing import deliver_outbox
from registrations import services
from registrations.models import Booking, RegistrationSettings
from registrations.tests.helpers import register
from registrations.tokens import personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def status(registration):
    return [b.status for b in registration.bookings.order_by("event__start")]


def confirmed(event, **fields):
    registration = register(event, **fields)
    services.confirm_address(registration=registration)
    return registration


def test_cancellation_moves_the_first_waiting_person_up_and_mails_them(smtp_server):
    event = make_event(capacity=1)
    holder = confirmed(event)
    first = confirmed(event, email="erste@example.org")
    second = confirmed(event, email="zweite@example.org")
    assert status(first) == status(second) == ["waiting"]

    services.cancel_registration(registration=holder)
    assert status(holder) == ["cancelled"]
    assert status(first) == ["confirmed"] and status(second) == ["waiting"]
    assert Booking.objects.filter(event=event).taken().count() == 1

    deliver_outbox()
    (moved,) = [m for m in smtp_server.messages_to("erste@example.org") if "nachgerückt" in m.subject]
    assert moved.attachments[0][1] == "text/calendar"
    assert any("Absage" in m.subject for m in smtp_server.messages_to(holder.email))


def test_unconfirmed_person_moving_up_must_confirm_first():
    event = make_event(capacity=1)
    holder = confirmed(event)
    waiting = register(event)
    services.cancel_registration(registration=holder)
    assert status(waiting) == ["held"]
    services.confirm_address(registration=waiting)
    assert status(waiting) == ["confirmed"]


def test_unconfirmed_registration_lapses_and_frees_its_place(settings):
    settings.REGISTRATION_CONFIRM_HOURS = 48
    event = make_event(capacity=1)
    sleeper = register(event)
    waiting = confirmed(event)
    assert services.lapse_unconfirmed(now=timezone.now() + timedelta(hours=47)) == 0
    assert services.lapse_unconfirmed(now=timezone.now() + timedelta(hours=49)) == 1
    sleeper.refresh_from_db()
    assert status(sleeper) == ["lapsed"] and not sleeper.is_active
    assert status(waiting) == ["confirmed"]


def test_offer_mode_offers_the_place_for_a_time_then_the_next_person(smtp_server):
    event = make_event(capacity=1)
    RegistrationSettings.objects.create(event=event, waiting_list_mode="offer", offer_hold_hours=24)
    holder = confirmed(event)
    first = confirmed(event, email="erste@example.org")
    second = confirmed(event, email="zweite@example.org")
    services.cancel_registration(registration=holder)
    assert status(first) == ["offered"] and status(second) == ["waiting"]

    services.expire_offers(now=timezone.now() + timedelta(hours=25))
    assert status(first) == ["offer_expired"] and status(second) == ["offered"]

    booking = second.bookings.get()
    services.accept_offer(booking=booking)
    assert status(second) == ["confirmed"]
    with pytest.raises(services.OfferNotOpen):
        services.accept_offer(booking=first.bookings.get())

    deliver_outbox()
    assert any("Ein Platz für Sie" in m.subject for m in smtp_server.messages_to("erste@example.org"))
    assert any("Ihr Platz ist bestätigt" in m.subject for m in smtp_server.messages_to("zweite@example.org"))


def test_no_promotion_after_the_deadline_unless_the_team_decides(smtp_server):
    event = make_event(capacity=1)
    holder = confirmed(event)
    waiting = confirmed(event)
    event.registration_deadline = timezone.now() - timedelta(hours=1)
    event.save()
    services.cancel_registration(registration=holder)
    assert status(waiting) == ["waiting"]
    deliver_outbox()
    (team_mail,) = smtp_server.messages_to("team@example.org")
    assert "Platz frei nach Anmeldeschluss" in team_mail.subject

    services.allow_promotion_after_deadline(event=event)
    assert status(waiting) == ["confirmed"]


def test_a_course_books_every_module_and_each_module_holds_its_own_capacity():
    course = make_event(kind="fortbildung", capacity=None)
    module_a = make_event(course=course, capacity=1, days_ahead=20)
    module_b = make_event(course=course, capacity=2, days_ahead=30)
    first = confirmed(course)
    second = confirmed(course)
    third = confirmed(course)
    assert status(first) == ["confirmed", "confirmed"]
    assert status(second) == ["waiting", "confirmed"]
    assert status(third) == ["waiting", "waiting"]
    assert module_a.bookings.taken().count() == 1 and module_b.bookings.taken().count() == 2

    services.cancel_registration(registration=first)
    assert status(second) == ["confirmed", "confirmed"]
    assert status(third) == ["waiting", "confirmed"]


def test_more_seats_are_filled_from_the_waiting_list():
    event = make_event(capacity=1)
    confirmed(event)
    waiting = [confirmed(event) for _ in range(3)]
    event.capacity = 3
    event.save()
    services.fill_free_places(event=event)
    assert [status(r) for r in waiting] == [["confirmed"], ["confirmed"], ["waiting"]]


def test_accepting_an_offer_twice_keeps_the_place_says_so_and_mails_once(client, smtp_server):
    # A double click on "Platz annehmen": the second request must not tell the person the offer is gone.
    event = make_event(capacity=1)
    RegistrationSettings.objects.create(event=event, waiting_list_mode="offer", offer_hold_hours=24)
    holder = confirmed(event)
    waiting = confirmed(event, email="wartend@example.org")
    services.cancel_registration(registration=holder)
    booking = waiting.bookings.get()
    path = f"/anmeldung/{personal_token(waiting)}/annehmen/{booking.pk}/"

    client.post(path, follow=True)
    page = client.post(path, follow=True).content.decode()

    assert status(waiting) == ["confirmed"]
    assert "Ihr Platz ist bestätigt" in page and "Dieses Angebot gilt nicht mehr" not in page
    deliver_outbox()
    subjects = [m.subject for m in smtp_server.messages_to("wartend@example.org")]
    assert len([s for s in subjects if "Ihr Platz ist bestätigt" in s]) == 1
