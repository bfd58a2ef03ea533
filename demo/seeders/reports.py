"""A year of fictional participation for the report page: people ("Demo Berichtsperson N",
@example.org) from a pool of 150 register for last year's held offers through the real service,
many come back, most attend, a few cancel or wait in vain. The report of last year then shows
unique people, first-timers, returning people and people from other districts."""

import random
import secrets
from datetime import date, timedelta

from django.utils import timezone

from events.models import Event
from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Booking, Registration

POOL = 150
ROLES = ["volunteer"] * 5 + ["professional"] * 2 + ["administration", "other"]


def _moment_before(event):
    moment = event.start - timedelta(days=10)
    if event.registration_deadline:
        moment = min(moment, event.registration_deadline - timedelta(hours=1))
    return moment


def _register(event, n, municipalities, at):
    key = secrets.token_urlsafe(24)
    person = {
        "name": f"Demo Berichtsperson {n}",
        "email": f"demo.bericht{n}@example.org",
        "organisation": "Demo-Initiative",
        "role": ROLES[n % len(ROLES)],
        "municipality_id": municipalities[n % len(municipalities)],
    }
    services.register(event=event, person=person, consent=Consent(None, at), submission_key=key, language="de", now=at)
    registration = Registration.objects.get(submission_key=key)
    services.confirm_address(registration=registration, now=at)
    return registration


def seed_report_history(*, events=36, seed=2027):
    """Returns the number of registrations made for last year's held offers."""
    rng = random.Random(seed)
    last_year = timezone.localdate().year - 1
    held = list(
        Event.objects.listed()
        .filter(status=Event.Status.HELD, start__date__range=(date(last_year, 1, 1), date(last_year, 12, 31)))
        .exclude(kind=Event.Kind.COURSE)
        .order_by("start")[:events]
    )
    municipalities = list(Municipality.objects.order_by("name").values_list("id", flat=True)[::9])
    made = 0
    for event in held:
        at = _moment_before(event)
        people = rng.sample(range(POOL), rng.randint(6, 14))
        for n in people:
            registration = _register(event, n, municipalities, at)
            made += 1
            if rng.random() < 0.08:
                services.cancel_registration(registration=registration, now=at + timedelta(days=2))
        taken = Booking.objects.filter(event=event, status=Booking.Status.CONFIRMED)
        present = [pk for pk in taken.values_list("pk", flat=True) if rng.random() < 0.82]
        Booking.objects.filter(pk__in=present).update(attended=True)
    return made
