"""Small explicit builders for tests (no mocks: these write real rows)."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.models import Contact, Event, Language, Partner, TargetGroup, Topic, Venue
from regions.models import Municipality

_counter = itertools.count(1)


def municipality(name="Pirna"):
    return Municipality.objects.get(name=name)


def make_contact():
    return Contact.objects.get_or_create(
        role="Projektteam Support für Initiative", defaults={"email": "team@example.org", "phone": "0351 000 00 10"}
    )[0]


def make_venue(place="Pirna", **fields):
    defaults = {
        "name": f"Bürgerhaus {place}",
        "street": "Markt 1",
        "postal_code": "01796",
        "accessibility": "Ebenerdiger Eingang.",
        "public_transport": "S1 bis Bahnhof.",
    }
    return Venue.objects.create(municipality=municipality(place), **{**defaults, **fields})


def make_topic(slug="asylverfahren", name="Asylverfahren", name_en="Asylum procedure"):
    return Topic.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]


def make_target_group(slug="ehrenamtliche", name="Ehrenamtliche", name_en="Volunteers"):
    return TargetGroup.objects.get_or_create(slug=slug, defaults={"name": name, "name_en": name_en})[0]


def make_language(code="de", name="Deutsch", name_en="German"):
    return Language.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})[0]


def make_partner(name="Sächsischer Flüchtlingsrat e.V."):
    return Partner.objects.get_or_create(name=name)[0]


def make_event(
    *,
    title=None,
    place="Pirna",
    venue=None,
    days_ahead=14,
    hours=7,
    kind=Event.Kind.TRAINING,
    status=Event.Status.PUBLISHED,
    topics=(),
    target_groups=(),
    languages=(),
    partners=(),
    **fields,
):
    n = next(_counter)
    start = timezone.localtime(timezone.now() + timedelta(days=days_ahead)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    values = {
        "kind": kind,
        "title": title or f"Unterstützer_innenschulung Nr. {n}",
        "slug": f"event-{n}",
        "summary": "Informationen zu Fluchtursachen und Asylverfahren.",
        "description": "Wir sprechen über **Möglichkeiten** und Grenzen des Ehrenamts.",
        "start": start,
        "end": start + timedelta(hours=hours),
        "registration_deadline": start - timedelta(days=3),
        "capacity": 20,
        "costs": Decimal("0"),
        "status": status,
        "venue": venue or make_venue(place),
        "contact": make_contact(),
    }
    values.update(fields)
    event = Event.objects.create(**values)
    event.topics.set(topics)
    event.target_groups.set(target_groups)
    event.languages.set(languages)
    event.partners.set(partners)
    event.refresh_search_text()
    return event


# --- network (initiatives) ---------------------------------------------------


def make_initiative(*, name=None, place="Pirna", status="approved", contact_email=None, **fields):
    from network.models import Initiative

    n = next(_counter)
    values = {
        "name": name or f"Willkommensinitiative Nr. {n}",
        "slug": f"initiative-{n}",
        "kind": Initiative.Kind.WELCOME,
        "municipality": municipality(place),
        "focus": "Sprachcafé und Begleitung zu Ämtern",
        "description": "Wir treffen uns seit 2015.",
        "how_to_join": "Kommen Sie einfach vorbei.",
        "meeting_times": "dienstags 17 Uhr",
        "contact_email": contact_email or f"geheim-{n}@example.org",
        "status": status,
    }
    values.update(fields)
    return Initiative.objects.create(**values)


# --- Accounts and two-factor login (backoffice helper) -----------------------------------
TEST_PASSWORD = "Kulturbüro-Sachsen-2026!"  # noqa: S105 (test data)


def make_user(role="team", *, email=None, partner_organisation=None, **fields):
    from accounts.models import User

    n = next(_counter)
    return User.objects.create_user(
        email=email or f"{role}-{n}@example.org",
        password=TEST_PASSWORD,
        role=role,
        first_name=fields.pop("first_name", role.capitalize()),
        last_name=fields.pop("last_name", f"Nr. {n}"),
        partner_organisation=partner_organisation,
        **fields,
    )


def make_totp_device(user, *, key=None):
    """A confirmed authenticator-app device; compute codes with `totp_code(device)`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    values = {"user": user, "name": "Authenticator-App", "confirmed": True}
    if key:
        values["key"] = key
    return TOTPDevice.objects.create(**values)


def totp_code(device, *, offset_steps=0):
    """The code the app shows now (or `offset_steps` × 30 s later), computed like the app does."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{code:0{device.digits}d}"


def login_with_second_factor(client, user):
    """Log `client` in as `user` with a completed two-factor login (no views involved).

    For pages behind the back office's permission checks; the real login flow is tested in accounts/."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


# --- directory (Fachstellen-Wegweiser) -----------------------------------------------------


def make_topic_term(
    code="asylverfahrensberatung", name="Asylverfahrensberatung", name_en="Asylum procedure counselling"
):
    from directory.models import TaxonomyTerm

    return TaxonomyTerm.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en})[0]


def make_agency(
    *,
    name=None,
    place="Pirna",
    area="district",
    topics=("asylverfahrensberatung",),
    languages=("de",),
    hours=(("MO,TU,WE,TH,FR", "09:00", "17:00"),),
    organization=None,
    lat_offset=0.0,
    **fields,
):
    """A service with one location in `place`, one office phone, hours and a service area.

    `area` is "district" (the place's district), "statewide", "municipality" (only the place),
    or a District / Municipality object."""
    from datetime import time

    from directory.models import (
        Accessibility,
        Address,
        Attribute,
        Language,
        Location,
        Organization,
        Phone,
        Schedule,
        Service,
        ServiceArea,
        ServiceAtLocation,
    )
    from regions.models import District

    n = next(_counter)
    town = municipality(place)
    organization = organization or Organization.objects.create(
        name=f"Beratungsverein Nr. {n} e.V.", email=f"verein{n}@example.org"
    )
    service = Service.objects.create(
        organization=organization,
        name=name or f"Beratungsstelle Nr. {n}",
        description="Beratung im Asylverfahren.",
        **fields,
    )
    for code in topics:
        term = (
            make_topic_term() if code == "asylverfahrensberatung" else make_topic_term(code, code.title(), code.title())
        )
        Attribute.objects.create(service=service, taxonomy_term=term)
    location = Location.objects.create(
        organization=organization,
        name=f"Büro {town.name}",
        latitude=town.lat + lat_offset,
        longitude=town.lon,
        municipality=town,
    )
    Address.objects.create(location=location, address_1="Markt 1", city=town.name, postal_code="01000")
    Accessibility.objects.create(location=location, description="Ebenerdiger Eingang.")
    ServiceAtLocation.objects.create(service=service, location=location)
    Phone.objects.create(service=service, number=f"0351 000 {n:04d}")
    for byday, opens, closes in hours:
        Schedule.objects.create(
            service=service, byday=byday, opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes)
        )
    for code in languages:
        Language.objects.create(service=service, code=code, name=code)
    if area == "statewide":
        ServiceArea.objects.create(service=service, name="Sachsen")
    elif area == "municipality":
        ServiceArea.objects.create(service=service, name=town.name, municipality=town)
    elif area == "district":
        ServiceArea.objects.create(service=service, name=town.district.name, district=town.district)
    elif isinstance(area, District):
        ServiceArea.objects.create(service=service, name=area.name, district=area)
    else:
        ServiceArea.objects.create(service=service, name=area.name, municipality=area)
    return service


# --- participants, check-in, documents, feedback (backoffice-2) ----------------------------


def make_participant(event, *, name=None, email=None, confirm=True, place="Pirna", language="de", **fields):
    """Register one person through the registrations service (mails included) and confirm the address.

    Returns the person's booking for `event` (status confirmed, held or waiting as the service decided)."""
    import secrets

    from privacy.consent import Consent
    from registrations import services
    from registrations.models import Booking, Registration

    n = next(_counter)
    person = {
        "name": name or f"Teilnehmer_in Nr. {n}",
        "email": email or f"teilnehmer{n}@example.org",
        "organisation": fields.pop("organisation", "Willkommensinitiative Pirna"),
        "role": fields.pop("role", "volunteer"),
        "municipality_id": municipality(place).pk if place else None,
        **fields,
    }
    key = secrets.token_urlsafe(24)
    # Past events: register as if it were a week before the start (the service refuses late sign-ups).
    now = min(timezone.now(), event.start - timedelta(days=7)) if event.start else None
    consent = Consent(version=None, at=now or timezone.now())
    services.register(event=event, person=person, consent=consent, submission_key=key, language=language, now=now)
    registration = Registration.objects.get(submission_key=key)
    if confirm:
        services.confirm_address(registration=registration, now=now)
    return Booking.objects.select_related("registration").get(registration=registration, event=event)
