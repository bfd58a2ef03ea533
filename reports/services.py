"""Writes of reports: the facts kept per registration, filled through registrations' hooks."""

from django.db.models import Q

from registrations.models import Booking, Registration
from reports.models import RegistrationFacts
from reports.pseudonyms import pseudonym


def record_registration(*, registration, bookings, data=None, now=None):
    """Answer to `registration_created`: note the person's pseudonym and whether a place had to wait
    (from the `bookings` just written, so nothing is read under the event lock)."""
    waited = any(booking.status == Booking.Status.WAITING for booking in bookings)
    # One INSERT … ON CONFLICT: this runs under the event lock of every registration.
    facts = RegistrationFacts(registration=registration, pseudonym=pseudonym(registration.email), waited=waited)
    RegistrationFacts.objects.bulk_create(
        [facts], update_conflicts=True, unique_fields=["registration"], update_fields=["pseudonym", "waited"]
    )


def forget_address(*, email, now=None):
    """Answer to privacy's `address_erased`: the person asked for erasure of everything, so their
    pseudonym goes (their registrations count as separate people from now on). Returns how many."""
    key = pseudonym(email)
    if not key:
        return 0
    return RegistrationFacts.objects.filter(pseudonym=key).update(pseudonym="")


def record_missing_facts():
    """Facts for registrations made without the hook (the demo data, rows from before this app), run
    every few minutes, long before retention could blank an address. Returns how many rows it added."""
    missing = Registration.objects.filter(report_facts__isnull=True)
    waited = set(
        Booking.objects.filter(registration__in=missing.values("pk"))
        .filter(Q(status=Booking.Status.WAITING) | Q(confirmed_at__isnull=True, offered_until__isnull=False))
        .values_list("registration_id", flat=True)
    )
    rows = [
        RegistrationFacts(registration_id=pk, pseudonym=pseudonym(email), waited=pk in waited)
        for pk, email in missing.values_list("pk", "email")
    ]
    return len(RegistrationFacts.objects.bulk_create(rows, batch_size=500, ignore_conflicts=True))
