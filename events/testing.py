"""Builders for events and what they are made of (no mocks: these write real rows)."""

import itertools
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from events.models import Contact, Event, Language, Partner, TargetGroup, Topic, Venue
from regions.testing import municipality

_counter = itertools.count(1)


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
