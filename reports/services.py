"""Writes of reports: the facts kept per registration, filled through registrations' hooks."""

from registrations.models import Booking
from reports.models import RegistrationFacts
from reports.pseudonyms import pseudonym


def record_registration(*, registration, data=None, now=None):
    """Answer to `registration_created`: note the person's pseudonym and whether a place had to wait."""
    waited = registration.bookings.filter(status=Booking.Status.WAITING).exists()
    RegistrationFacts.objects.update_or_create(
        registration=registration, defaults={"pseudonym": pseudonym(registration.email), "waited": waited}
    )


def forget_address(*, email, now=None):
    """Answer to privacy's `address_erased`: the person asked for erasure of everything, so their
    pseudonym goes (their registrations count as separate people from now on). Returns how many."""
    key = pseudonym(email)
    if not key:
        return 0
    return RegistrationFacts.objects.filter(pseudonym=key).update(pseudonym="")
