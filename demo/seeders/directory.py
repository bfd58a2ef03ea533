"""Fictional specialist agencies for the Wegweiser: real kinds of service, invented names.

Every district gets several services (asylum procedure counselling, migration counselling,
youth migration service, language courses, the foreigners' authority, …), plus a few
statewide ones. Contact data are office numbers of the form 0351 000 … and addresses at
example.org; no person is named. `scale` makes 2,000 services for the benchmark.
Ids come from a seeded random generator, so the demo data are the same on every machine.
"""

import random
import uuid
from datetime import UTC, datetime, time

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
    Taxonomy,
    TaxonomyTerm,
)
from regions.models import District, Municipality

TAXONOMY_ID = uuid.UUID("6f1d0c47-8a1e-4b4e-9d1e-5a0c2f3b7e10")
TOPICS = [
    ("asylverfahrensberatung", "Asylverfahrensberatung", "Asylum procedure counselling"),
    ("mbe", "Migrationsberatung für Erwachsene (MBE)", "Migration counselling for adults (MBE)"),
    ("jmd", "Jugendmigrationsdienst", "Youth migration service"),
    ("psychosozial", "Psychosoziale Beratung und Therapie", "Psychosocial counselling and therapy"),
    ("rechtsberatung", "Rechtsberatung", "Legal advice"),
    ("opferberatung", "Opferberatung bei rechter Gewalt", "Counselling for victims of right-wing violence"),
    ("antidiskriminierung", "Antidiskriminierungsberatung", "Anti-discrimination counselling"),
    ("sprachkurse", "Sprachkurse und Integrationskurse", "Language and integration courses"),
    ("behoerden", "Behörden", "Authorities"),
    ("arbeit", "Arbeit und Ausbildung", "Work and vocational training"),
    ("wohnen", "Wohnen", "Housing"),
    ("gesundheit", "Gesundheit", "Health"),
    ("familie", "Familie und Kinder", "Family and children"),
]
# (topic codes, service name, organisation name, area: district/municipality/statewide, description)
DISTRICT_SERVICES = [
    (
        ["asylverfahrensberatung", "rechtsberatung"],
        "Asylverfahrensberatung {district}",
        "Beratungsnetz Ankommen {district} e.V.",
        "district",
        "Unabhängige Beratung im Asylverfahren: Vorbereitung auf die Anhörung, Bescheide, Fristen "
        "und Klagewege. Vertraulich und kostenfrei.",
    ),
    (
        ["mbe", "arbeit", "wohnen"],
        "Migrationsberatung für Erwachsene {district}",
        "Verein Brückenschlag {district} e.V.",
        "district",
        "Beratung für Zugewanderte ab 27 Jahren: Aufenthalt, Sprache, Arbeit, Wohnen und Behördenpost.",
    ),
    (
        ["jmd", "arbeit", "familie"],
        "Jugendmigrationsdienst {district}",
        "Jugendwerk Perspektive {district} e.V.",
        "district",
        "Begleitung junger Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Sprache und Alltag.",
    ),
    (
        ["sprachkurse"],
        "Deutschkurse im Sprachtreff {place}",
        "Sprachbrücke {district} gGmbH",
        "municipality",
        "Integrationskurse, Alphabetisierung und offener Sprachtreff mit Kinderbetreuung.",
    ),
    (
        ["behoerden"],
        "Ausländerbehörde {district}",
        "Verwaltung {district} (fiktiv)",
        "district",
        "Aufenthaltstitel, Duldung, Verlängerungen und Wohnsitzauflagen. Termine nur nach Vereinbarung.",
    ),
    (
        ["gesundheit", "familie"],
        "Familien- und Gesundheitslotsen {district}",
        "Netzwerk Zusammenhalt {district} e.V.",
        "district",
        "Hilft beim Weg zu Ärzt_innen, Hebammen, Kita und Schule; vermittelt Sprachmittler_innen.",
    ),
]
STATEWIDE_SERVICES = [
    (
        ["opferberatung"],
        "Opferberatung Sachsen – Regionalstelle {place}",
        "Fachverein Beistand Sachsen e.V.",
        "Dresden",
        "Beratung und Begleitung für Betroffene rechter, rassistischer und antisemitischer Gewalt sowie "
        "für Zeug_innen und Angehörige.",
    ),
    (
        ["opferberatung"],
        "Opferberatung Sachsen – Regionalstelle {place}",
        "Fachverein Beistand Sachsen e.V.",
        "Leipzig",
        "Beratung und Begleitung für Betroffene rechter, rassistischer und antisemitischer Gewalt.",
    ),
    (
        ["antidiskriminierung"],
        "Antidiskriminierungsberatung Sachsen",
        "Fachstelle Gleichbehandlung Sachsen e.V.",
        "Leipzig",
        "Beratung bei Diskriminierung auf dem Wohnungsmarkt, bei der Arbeit, in Ämtern und im Alltag.",
    ),
    (
        ["psychosozial", "gesundheit"],
        "Psychosoziales Zentrum für Geflüchtete {place}",
        "Zentrum Lichtblick e.V.",
        "Dresden",
        "Psychosoziale Beratung, Therapie mit Sprachmittlung und Fortbildungen für Ehrenamtliche.",
    ),
    (
        ["psychosozial"],
        "Psychosoziales Zentrum für Geflüchtete {place}",
        "Zentrum Lichtblick e.V.",
        "Chemnitz",
        "Psychosoziale Beratung und Therapie für traumatisierte geflüchtete Menschen.",
    ),
    (
        ["rechtsberatung", "asylverfahrensberatung"],
        "Rechtshilfefonds und Anwaltsvermittlung",
        "Initiative Rechtsweg Sachsen e.V.",
        "Dresden",
        "Vermittelt spezialisierte Anwält_innen und hilft bei Kosten für Klagen im Asylverfahren.",
    ),
]
STREETS = ["Hauptstraße", "Bahnhofstraße", "Am Markt", "Lindenstraße", "Schulstraße", "Kirchgasse", "Poststraße"]
LANGUAGE_POOL = [
    ("ar", "Arabisch"),
    ("fa", "Persisch (Farsi)"),
    ("ru", "Russisch"),
    ("uk", "Ukrainisch"),
    ("en", "Englisch"),
    ("fr", "Französisch"),
    ("tr", "Türkisch"),
    ("ps", "Paschtu"),
    ("ti", "Tigrinya"),
]
ACCESSIBILITY = [
    "Ebenerdiger Eingang, barrierefreies WC.",
    "Beratungsräume im 1. Obergeschoss, Aufzug vorhanden.",
    "Eingang mit drei Stufen; Beratung im Erdgeschoss des Nachbarhauses auf Nachfrage.",
]
TRANSPORT = [
    "Bushaltestelle „Markt“ in 2 Minuten zu Fuß.",
    "Vom Bahnhof etwa 10 Minuten zu Fuß.",
    "Straßenbahn bis „Rathaus“, dann 3 Minuten zu Fuß.",
]
OPENING_PATTERNS = [
    [("MO,TU,TH", time(9), time(12)), ("TU,TH", time(13), time(16))],
    [("MO,WE,FR", time(8, 30), time(12, 30))],
    [("TU", time(9), time(18)), ("TH", time(13), time(17))],
    [("MO,TU,WE,TH,FR", time(10), time(15))],
    [],  # no fixed hours: by appointment
]
APPLICATION = "Bitte vereinbaren Sie telefonisch einen Termin; offene Sprechstunde zu den Öffnungszeiten."
LAST_CHECKED = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)


class _Builder:
    """Collects rows in memory and writes each table with one bulk insert."""

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.rows = {model: [] for model in ORDER}
        self.phone_counter = 0
        self.organizations = {}

    def uid(self):
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def add(self, model, **fields):
        obj = model(id=self.uid(), **fields)
        self.rows[model].append(obj)
        return obj

    def phone_number(self):
        self.phone_counter += 1
        return f"0351 000 {self.phone_counter // 100:02d} {self.phone_counter % 100:02d}"

    def organization(self, name):
        if name not in self.organizations:
            slug = "".join(ch for ch in name.lower() if ch.isalnum())[:30]
            self.organizations[name] = self.add(
                Organization, name=name, email=f"kontakt@{slug}.example.org", website=f"https://{slug}.example.org/"
            )
        return self.organizations[name]

    def service(self, *, topics, name, organization, municipality, description, area):
        rng = self.rng
        service = self.add(
            Service,
            organization=organization,
            name=name,
            description=description,
            email=f"beratung{len(self.rows[Service]) + 1}@example.org",
            application_process=APPLICATION,
            interpretation_services="Sprachmittlung auf Nachfrage, auch per Telefon.",
            last_modified=LAST_CHECKED,
        )
        for code in topics:
            self.add(Attribute, service=service, taxonomy_term=self.terms[code], link_type="topic")
        location = self.add(
            Location,
            organization=organization,
            name=f"Beratungsstelle {municipality.name}",
            transportation=rng.choice(TRANSPORT),
            latitude=round(municipality.lat + rng.uniform(-0.004, 0.004), 6),
            longitude=round(municipality.lon + rng.uniform(-0.004, 0.004), 6),
            municipality=municipality,
        )
        self.add(
            Address,
            location=location,
            address_1=f"{rng.choice(STREETS)} {rng.randint(1, 60)}",
            city=municipality.name,
            postal_code=f"0{rng.randint(1000, 9999)}",
        )
        self.add(Accessibility, location=location, description=rng.choice(ACCESSIBILITY))
        self.add(ServiceAtLocation, service=service, location=location)
        self.add(Phone, service=service, number=self.phone_number(), description="Terminvereinbarung")
        for byday, opens, closes in rng.choice(OPENING_PATTERNS):
            self.add(Schedule, service=service, byday=byday, opens_at=opens, closes_at=closes)
        self.add(Language, service=service, name="Deutsch", code="de")
        for code, language in rng.sample(LANGUAGE_POOL, rng.randint(1, 3)):
            self.add(Language, service=service, name=language, code=code)
        self.add(ServiceArea, service=service, **area)
        return service

    def save(self):
        for model in ORDER:
            model.objects.bulk_create(self.rows[model], batch_size=1000)
        return len(self.rows[Service])


ORDER = [
    Organization,
    Service,
    Attribute,
    Location,
    Address,
    Accessibility,
    ServiceAtLocation,
    Phone,
    Schedule,
    Language,
    ServiceArea,
]


def seed_taxonomy():
    taxonomy, _ = Taxonomy.objects.get_or_create(
        id=TAXONOMY_ID,
        defaults={
            "name": "Wegweiser-Themen Sachsen",
            "description": "Themen der Fachstellen im Wegweiser von Support für Initiative.",
            "version": "1",
        },
    )
    terms = {}
    for index, (code, name, name_en) in enumerate(TOPICS):
        terms[code], _ = TaxonomyTerm.objects.get_or_create(
            code=code,
            defaults={
                "id": uuid.uuid5(TAXONOMY_ID, code),
                "taxonomy": taxonomy,
                "name": name,
                "name_en": name_en,
                "description": f"{name} ({index + 1}).",
            },
        )
    return terms


def _area(district=None, municipality=None):
    if municipality is not None:
        return {"municipality": municipality, "name": municipality.name}
    if district is not None:
        return {"district": district, "name": district.name}
    return {"name": "Freistaat Sachsen"}


def seed_directory(*, scale=False, seed=7):
    """Create demo services; returns how many. `scale` makes exactly 2,000 for the benchmark."""
    builder = _Builder(seed)
    builder.terms = seed_taxonomy()
    districts = list(District.objects.order_by("ars"))
    by_district = {d.id: [] for d in districts}
    for municipality in Municipality.objects.order_by("ars"):
        by_district[municipality.district_id].append(municipality)
    seats = {name: Municipality.objects.filter(name=name).first() for name in ("Dresden", "Leipzig", "Chemnitz")}
    for topics, name, org, seat, description in STATEWIDE_SERVICES:
        place = seats[seat]
        builder.service(
            topics=topics,
            name=name.format(place=place.name),
            organization=builder.organization(org),
            municipality=place,
            description=description,
            area=_area(),
        )
    target = 2000 if scale else None
    rounds = 0
    while True:
        for district in districts:
            places = by_district[district.id]
            # Round 0: one office per kind in the district's first municipality (by ARS);
            # later rounds (benchmark only) add branch offices spread over the district.
            for topics, name, org, area_kind, description in DISTRICT_SERVICES:
                if target is not None and len(builder.rows[Service]) >= target:
                    return builder.save()
                place = places[0] if rounds == 0 else builder.rng.choice(places)
                suffix = "" if rounds == 0 else f" – Außenstelle {place.name} {rounds}"
                builder.service(
                    topics=topics,
                    name=name.format(district=district.short_name, place=place.name) + suffix,
                    organization=builder.organization(org.format(district=district.short_name)),
                    municipality=place,
                    description=description,
                    area=_area(municipality=place) if area_kind == "municipality" else _area(district=district),
                )
        rounds += 1
        if target is None:
            return builder.save()
