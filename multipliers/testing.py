"""Builders for the multiplier programme: a course with modules, people enrolled through the real
registrations service, attendance through the real check-in service."""

import itertools
import secrets
from datetime import timedelta

from django.utils import timezone

from events.models import Event
from events.testing import make_event
from participants import services as participants
from privacy.consent import Consent
from regions.testing import municipality
from registrations import services as registrations
from registrations.models import Booking, Registration

_counter = itertools.count(1)

MODULE_TITLES = [
    "Modul 1: Asylverfahren",
    "Modul 2: Aufenthaltsrecht",
    "Modul 3: Soziale Rechte",
    "Modul 4: Arbeit und Ausbildung",
    "Modul 5: Beratung und Verweisung",
    "Modul 6: Selbstfürsorge",
]


def make_course(
    title="Multiplikator_innen-Fortbildung Migrationsrecht", *, modules=6, days_ahead=-60, every=7, **fields
):
    """A course (the cohort) with `modules` modules, one every `every` days from `days_ahead`."""
    course = make_event(
        title=title,
        kind=Event.Kind.COURSE,
        days_ahead=days_ahead,
        hours=(modules - 1) * every * 24 + 7,
        capacity=None,
        **fields,
    )
    for index in range(modules):
        make_event(
            title=MODULE_TITLES[index] if index < len(MODULE_TITLES) else f"Modul {index + 1}",
            kind=Event.Kind.COURSE,
            course=course,
            days_ahead=days_ahead + index * every,
            hours=7,
            capacity=None,
            venue=course.venue,
        )
    return course


def modules_of(course):
    return list(course.modules.order_by("start", "id"))


def enrol(course, *, name=None, email=None, language="de"):
    """Register one person for the whole course (every module) a week before it starts; confirmed."""
    n = next(_counter)
    person = {
        "name": name or f"Kursteilnehmer_in {n}",
        "email": email or f"kurs{n}@example.org",
        "role": "volunteer",
        "municipality_id": municipality("Görlitz").pk,
    }
    key = secrets.token_urlsafe(24)
    at = min(timezone.now(), course.start - timedelta(days=7))
    registrations.register(
        event=course, person=person, consent=Consent(version=None, at=at), submission_key=key, language=language, now=at
    )
    registration = Registration.objects.get(submission_key=key)
    registrations.confirm_address(registration=registration, now=at)
    return registration


def attend(registration, *positions):
    """Check the person in at the modules at these 1-based positions."""
    modules = modules_of(registration.event)
    for position in positions:
        booking = Booking.objects.get(registration=registration, event=modules[position - 1])
        participants.check_in(actor=None, booking=booking)


def make_multiplier(*, name="Mira Beispiel", place="Görlitz", listed=True, topics=(), languages=(), email=None):
    """A certified multiplier's account and profile (listed with consent unless told otherwise)."""
    from accounts.models import User
    from accounts.testing import make_user
    from multipliers.models import LISTING_CONSENT_VERSION, Multiplier

    n = next(_counter)
    user = make_user(User.Role.MULTIPLIER, email=email or f"multi{n}@example.org")
    profile = Multiplier.objects.create(
        user=user,
        display_name=name,
        municipality=municipality(place),
        how_i_help="Ich berate zu Asylverfahren und verweise an Fachstellen.",
        availability="meist abends",
        listed=listed,
        listing_consent_version=LISTING_CONSENT_VERSION if listed else None,
        listing_consented_at=timezone.now() if listed else None,
    )
    profile.topics.set(topics)
    profile.languages.set(languages)
    return profile
