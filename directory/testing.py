"""Builders for the Fachstellen-Wegweiser (no mocks: these write real rows)."""

import itertools
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
    TaxonomyTerm,
)
from regions.models import District
from regions.testing import municipality

_counter = itertools.count(1)


def make_topic_term(
    code="asylverfahrensberatung", name="Asylverfahrensberatung", name_en="Asylum procedure counselling"
):
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
