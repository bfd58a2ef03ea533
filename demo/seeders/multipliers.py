"""Demo data for the multiplier programme: a past course (six modules, "5 of 6, module 1
mandatory") with its completed cohort, certified multipliers in several districts (some listed,
some not, one demo login), and a year of anonymous consultation logs. Fictional people only."""

import random
import secrets
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from demo.seeders.accounts import DEMO_PASSWORD
from directory.models import Organization
from events.models import Contact, Event, Language, Topic, Venue
from multipliers.models import (
    LISTING_CONSENT_VERSION,
    Advised,
    CompletionRule,
    Consultation,
    Duration,
    Multiplier,
)
from participants.models import CheckIn
from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Booking, Registration

COURSE_TITLE = "Multiplikator_innen-Fortbildung Migrationsrecht und Verweisberatung"
MODULES = [
    "Modul 1: Asylverfahren",
    "Modul 2: Aufenthaltsrecht",
    "Modul 3: Soziale Rechte",
    "Modul 4: Arbeit und Ausbildung",
    "Modul 5: Beratung und Verweisung",
    "Modul 6: Selbstfürsorge",
]
DEMO_MULTIPLIER = "multiplikatorin@example.org"
# (display name, municipality, listed, topic slugs, language codes)
MULTIPLIERS = [
    ("Mira B.", "Görlitz", True, ("asylverfahren", "arbeit"), ("de", "ar")),
    ("Jonas K.", "Löbau", True, ("asylverfahren", "lebensbedingungen"), ("de",)),
    ("Aylin S.", "Bautzen", True, ("asylverfahren", "sprache"), ("de", "tr")),
    ("Tom W.", "Dresden", True, ("arbeit", "ehrenamt"), ("de", "en")),
    ("Sara N.", "Leipzig", True, ("asylverfahren", "trauma"), ("de", "fa")),
    ("Karl H.", "Chemnitz", False, ("ehrenamt",), ("de",)),
    ("Lena P.", "Plauen", False, ("arbeit",), ("de",)),
    ("Omar D.", "Zwickau", True, ("sprache", "lebensbedingungen"), ("de", "ar")),
]


def seed_multipliers(seed=2026):
    """Returns (people in the cohort, multipliers, consultation log entries)."""
    if Event.objects.filter(title=COURSE_TITLE).exists():
        return 0, 0, 0
    rng = random.Random(seed)
    course = _course()
    people = _cohort(course, rng)
    profiles = _multipliers(course)
    entries = _log(profiles, rng)
    return people, len(profiles), entries


def _course():
    now = timezone.now()
    venue = Venue.objects.filter(municipality__name="Görlitz").first() or Venue.objects.order_by("id").first()
    contact = Contact.objects.order_by("id").first()
    first = timezone.localtime(now - timedelta(days=120)).replace(hour=9, minute=0, second=0, microsecond=0)
    course = Event.objects.create(
        kind=Event.Kind.COURSE,
        title=COURSE_TITLE,
        slug=f"multiplikatorinnen-fortbildung-demo-{secrets.token_hex(3)}",
        summary="Sechs Module für Menschen, die vor Ort beraten und an Fachstellen verweisen.",
        start=first,
        end=first + timedelta(weeks=5, hours=7),
        registration_deadline=first - timedelta(days=3),
        capacity=20,
        status=Event.Status.HELD,
        venue=venue,
        contact=contact,
    )
    for week, title in enumerate(MODULES):
        start = first + timedelta(weeks=week)
        Event.objects.create(
            kind=Event.Kind.COURSE,
            course=course,
            title=title,
            slug=f"{course.slug}-modul-{week + 1}",
            summary="Modul der Multiplikator_innen-Fortbildung.",
            start=start,
            end=start + timedelta(hours=7),
            status=Event.Status.HELD,
            venue=venue,
            contact=contact,
        )
    course.topics.set(Topic.objects.filter(slug__in=("asylverfahren", "arbeit")))
    rule = CompletionRule.objects.create(course=course, minimum_modules=5)
    rule.required_modules.set(course.modules.order_by("start")[:1])
    return course


def _cohort(course, rng):
    """Twelve people: most attended all or five modules; two missed too much."""
    modules = list(course.modules.order_by("start"))
    before = course.start - timedelta(days=7)
    for n in range(1, 13):
        key = secrets.token_urlsafe(24)
        person = {
            "name": f"Demo Kursteilnehmer_in {n}",
            "email": f"demo.kurs{n}@example.org",
            "role": "volunteer" if n % 3 else "professional",
            "municipality_id": Municipality.objects.get(name=MULTIPLIERS[n % len(MULTIPLIERS)][1]).pk,
        }
        services.register(
            event=course,
            person=person,
            consent=Consent(version=None, at=before),
            submission_key=key,
            language="de",
            now=before,
        )
        registration = Registration.objects.get(submission_key=key)
        services.confirm_address(registration=registration, now=before)
        missed = set() if n <= 6 else ({rng.randrange(1, 6)} if n <= 10 else {0, 3})
        for index, module in enumerate(modules):
            if index in missed:
                continue
            booking = Booking.objects.get(registration=registration, event=module)
            CheckIn.objects.create(booking=booking, checked_in_at=module.start)
            booking.attended = True
            booking.save(update_fields=["attended"])
    return 12


def _multipliers(course):
    registrations = list(Registration.objects.filter(event=course).order_by("id"))
    profiles = []
    for n, (name, place, listed, topics, languages) in enumerate(MULTIPLIERS):
        email = DEMO_MULTIPLIER if n == 0 else f"demo.multiplikator{n}@example.org"
        user = User.objects.filter(email=email).first() or User(email=email)
        user.role, user.first_name, user.last_name = User.Role.MULTIPLIER, name.split()[0], "Demo"
        user.set_password(DEMO_PASSWORD)
        user.save()
        profile = Multiplier.objects.create(
            user=user,
            registration=registrations[n] if n < len(registrations) else None,
            display_name=name,
            municipality=Municipality.objects.get(name=place),
            how_i_help="Ich berate Ehrenamtliche und Initiativen und verweise an die passende Fachstelle.",
            availability="meist abends und am Wochenende",
            listed=listed,
            listing_consent_version=LISTING_CONSENT_VERSION if listed else None,
            listing_consented_at=timezone.now() if listed else None,
        )
        profile.topics.set(Topic.objects.filter(slug__in=topics))
        profile.languages.set(Language.objects.filter(code__in=languages))
        profiles.append(profile)
    return profiles


def _log(profiles, rng):
    """About a year of consultations: two to five a month per multiplier."""
    topics = list(Topic.objects.order_by("id"))
    agencies = list(Organization.objects.order_by("name")[:20])
    today = timezone.localdate()
    made = 0
    for profile in profiles:
        district = profile.municipality.district
        for back in range(12):
            year, month = today.year, today.month - back
            while month < 1:
                year, month = year - 1, month + 12
            for _n in range(rng.randint(2, 5)):
                entry = Consultation.objects.create(
                    multiplier=profile.user,
                    month=date(year, month, 1),
                    district=district,
                    municipality=profile.municipality if rng.random() < 0.6 else None,
                    advised=rng.choice(Advised.values),
                    agency=rng.choice(agencies) if agencies and rng.random() < 0.7 else None,
                    duration=rng.choice(Duration.values),
                )
                entry.topics.set(rng.sample(topics, k=min(len(topics), rng.randint(1, 2))))
                made += 1
    return made
