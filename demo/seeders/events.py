"""Fictional but realistic offers across Saxony (no real person's name anywhere)."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify

from core.text import fold
from events.models import AgendaItem, Contact, Event, Language, Partner, TargetGroup, Topic, Venue
from regions.models import District, Municipality

BERLIN = ZoneInfo("Europe/Berlin")

TOPICS = [
    ("fluchtursachen", "Fluchtursachen", "Causes of flight"),
    ("asylverfahren", "Asylverfahren", "Asylum procedure"),
    ("lebensbedingungen", "Lebensbedingungen in Sachsen", "Living conditions in Saxony"),
    ("ehrenamt", "Möglichkeiten und Grenzen des Ehrenamts", "Possibilities and limits of volunteering"),
    ("rassismus", "Umgang mit Rassismus", "Dealing with racism"),
    ("trauma", "Traumasensibler Umgang", "Trauma-sensitive support"),
    ("sprache", "Sprachmittlung und Deutschlernen", "Interpreting and learning German"),
    ("arbeit", "Arbeit und Ausbildung", "Work and vocational training"),
    ("familie", "Familiennachzug", "Family reunification"),
    ("vernetzung", "Vernetzung vor Ort", "Local networking"),
]
TARGET_GROUPS = [
    ("ehrenamtliche", "Ehrenamtliche", "Volunteers"),
    ("multiplikatorinnen", "Multiplikator_innen", "Multipliers"),
    ("hauptamtliche", "Hauptamtliche der Sozialen Arbeit", "Social workers"),
    ("verwaltung", "Verwaltung", "Public administration"),
    ("initiativen", "Initiativen und Vereine", "Initiatives and associations"),
]
LANGUAGES = [
    ("de", "Deutsch", "German"),
    ("en", "Englisch", "English"),
    ("ar", "Arabisch", "Arabic"),
    ("fa", "Persisch (Farsi)", "Persian (Farsi)"),
    ("ru", "Russisch", "Russian"),
    ("uk", "Ukrainisch", "Ukrainian"),
]
PARTNERS = [
    ("Sächsischer Flüchtlingsrat e.V.", "https://saechsischer-fluechtlingsrat.de"),
    ("Arbeitskreis Asyl Bad Schandau", ""),
    ("Ev.-Luth. Kirchgemeinde an der Elbe", ""),
    ("Netzwerk Willkommen im Erzgebirge", ""),
    ("Initiative Offenes Vogtland", ""),
    ("Bündnis Buntes Bautzen", ""),
    ("Welcome Café Görlitz e.V.", ""),
    ("Volkshochschule Mittelsachsen", ""),
    ("Landratsamt – Stabsstelle Integration", ""),
    ("Freiwilligenagentur Leipziger Land", ""),
    ("Caritasverband (Regionalstelle)", ""),
    ("Diakonie – Migrationsberatung", ""),
]
CONTACTS = [
    ("Projektteam Support für Initiative, Kulturbüro Sachsen e.V.", "support@example.org", "0351 000 00 10"),
    ("Koordination Multiplikator_innen-Fortbildung", "fortbildung@example.org", "0351 000 00 11"),
    ("Koordination Fachkonferenzen und Vernetzung", "vernetzung@example.org", "0351 000 00 12"),
]
VENUE_KINDS = [
    "Bürgerhaus",
    "Ev. Gemeindehaus",
    "Kulturhaus",
    "Volkshochschule",
    "Rathaus, Ratssaal",
    "Begegnungszentrum",
]
STREETS = ["Markt", "Hauptstraße", "Kirchplatz", "Bahnhofstraße", "Schulstraße", "Am Rathaus", "Lindenallee"]
ACCESSIBILITY = [
    "Ebenerdiger Eingang, barrierefreies WC im Erdgeschoss, Induktionsschleife im Saal.",
    "Der Saal liegt im 1. Obergeschoss und ist über einen Aufzug erreichbar. Barrierefreies WC vorhanden.",
    "Eingang mit zwei Stufen, mobile Rampe auf Nachfrage. Kein barrierefreies WC.",
]
TRANSPORT = [
    "Vom Bahnhof etwa 10 Minuten zu Fuß; Bushaltestelle „Markt“ direkt vor dem Haus.",
    "Regionalbus bis Haltestelle „Rathaus“, dann 3 Minuten zu Fuß.",
    "S-Bahn bis zum Bahnhof, dann Stadtbus Linie A bis „Kirchplatz“.",
]
TITLES = {
    Event.Kind.TRAINING: [
        "Unterstützer_innenschulung: Ankommen begleiten",
        "Unterstützer_innenschulung für Ehrenamtliche",
        "Grundlagen für Ehrenamtliche in der Geflüchtetenhilfe",
        "Engagiert vor Ort: Orientierung für neue Unterstützer_innen",
    ],
    Event.Kind.COURSE: ["Multiplikator_innen-Fortbildung"],
    Event.Kind.CONFERENCE: [
        "Fachtag Asyl und Flucht",
        "Fachkonferenz: Kommunen als Orte des Ankommens",
        "Tagung: Engagement unter Druck – Schutz für Ehrenamtliche",
    ],
    Event.Kind.NETWORK: [
        "Vernetzungstreffen der Willkommensinitiativen",
        "Regionaltreffen Ehrenamt und Verwaltung",
        "Austauschrunde: Initiativen im Gespräch",
    ],
}
SUMMARIES = {
    Event.Kind.TRAINING: "Informationen zu Fluchtursachen, Asylverfahren und Lebensbedingungen geflüchteter "
    "Menschen in Sachsen – und Raum für Fragen zu Möglichkeiten und Grenzen des Engagements vor Ort.",
    Event.Kind.COURSE: "Eine Fortbildung in mehreren Modulen für Menschen aus der Region, die Unterstützer_innen "
    "begleiten, beraten und an Fachstellen weitervermitteln möchten.",
    Event.Kind.CONFERENCE: "Fachleute aus Sozialer Arbeit, Verwaltung und Zivilgesellschaft diskutieren aktuelle "
    "Entwicklungen zu Asyl und Flucht in Sachsen.",
    Event.Kind.NETWORK: "Ehrenamtliche, Hauptamtliche und Verwaltung lernen sich kennen, tauschen Erfahrungen aus und "
    "verabreden gemeinsame Vorhaben.",
}
DESCRIPTION = """Viele Menschen möchten geflüchtete Menschen in ihrem Ort willkommen heißen. Die konkrete Umsetzung
von Hilfsangeboten ist aber eine Herausforderung.

In dieser Veranstaltung geht es um:

- Fluchtursachen und Fluchtwege
- das Asylverfahren: Ablauf, Anerkennungsquoten, Leistungen
- Lebensbedingungen geflüchteter Menschen im Landkreis
- Möglichkeiten und Grenzen ehrenamtlichen Engagements

Die Teilnahme ist **kostenfrei**. Für Getränke und einen Imbiss ist gesorgt."""
STANDARD_AGENDA = [
    (time(10, 0), "Ankommen und Anmeldung"),
    (time(10, 15), "Begrüßung"),
    (time(10, 30), "Einführung: Warum Menschen fliehen"),
    (time(11, 30), "Asyl in Sachsen: Verfahren, Anerkennungsquoten, Lebensbedingungen, Leistungen"),
    (time(13, 0), "Mittagspause"),
    (time(13, 45), "Die Situation im Landkreis"),
    (time(15, 0), "Möglichkeiten und Grenzen ehrenamtlichen Engagements"),
    (time(16, 30), "Auswertung und Abschluss"),
]


def _named(model, rows, key):
    objects = {}
    for slug, name, name_en in rows:
        obj, _ = model.objects.update_or_create(**{key: slug}, defaults={"name": name, "name_en": name_en})
        objects[slug] = obj
    return objects


def reference_data():
    topics = _named(Topic, TOPICS, "slug")
    groups = _named(TargetGroup, TARGET_GROUPS, "slug")
    languages = _named(Language, LANGUAGES, "code")
    partners = [Partner.objects.get_or_create(name=name, defaults={"website": url})[0] for name, url in PARTNERS]
    contacts = [
        Contact.objects.get_or_create(role=role, defaults={"email": email, "phone": phone})[0]
        for role, email, phone in CONTACTS
    ]
    return topics, groups, languages, partners, contacts


def venues_for_all_districts(rng, per_district=3):
    venues = []
    for district in District.objects.all():
        municipalities = list(Municipality.objects.filter(district=district).order_by("name"))
        for _ in range(per_district):
            place = rng.choice(municipalities)
            venues.append(
                Venue(
                    name=f"{rng.choice(VENUE_KINDS)} {place.name}",
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 40)}",
                    postal_code=f"0{rng.randint(1000, 9999)}",
                    municipality=place,
                    accessibility=rng.choice(ACCESSIBILITY),
                    public_transport=rng.choice(TRANSPORT),
                )
            )
    return Venue.objects.bulk_create(venues)


def at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=BERLIN)


class EventFactory:
    """Builds unsaved events with unique slugs and their search text."""

    def __init__(self, rng, *, topics, groups, languages, partners, contacts, venues):
        self.rng = rng
        self.topics = list(topics.values())
        self.groups = list(groups.values())
        self.languages = list(languages.values())
        self.partners = partners
        self.contacts = contacts
        self.venues = venues
        self.slugs = set(Event.objects.values_list("slug", flat=True))
        self.links = []  # (event, topics, groups, languages, partners)

    def slug(self, title, day):
        base = slugify(fold(f"{title[:60]}-{day:%Y-%m-%d}").replace("_", "-"))
        slug, n = base, 2
        while slug in self.slugs:
            slug, n = f"{base}-{n}", n + 1
        self.slugs.add(slug)
        return slug

    def build(self, *, kind, day, venue=None, status=Event.Status.PUBLISHED, course=None, title=None):
        rng = self.rng
        venue = venue or rng.choice(self.venues)
        title = title or f"{rng.choice(TITLES[kind])} in {venue.municipality.name}"
        start_hour, hours = {
            Event.Kind.TRAINING: (10, 7),
            Event.Kind.COURSE: (9, 8),
            Event.Kind.CONFERENCE: (9, 8),
            Event.Kind.NETWORK: (17, 3),
        }[kind]
        start, end = at(day, start_hour), at(day, start_hour + hours)
        event = Event(
            kind=kind,
            title=title,
            slug=self.slug(title, day),
            summary=SUMMARIES[kind],
            description=DESCRIPTION,
            start=start,
            end=end,
            registration_deadline=start - timedelta(days=2),
            capacity=rng.choice([15, 20, 25, 30, 40, 80]) if kind != Event.Kind.CONFERENCE else 120,
            costs=Decimal("0"),
            catering="Getränke und vegetarischer Mittagsimbiss" if hours >= 6 else "Getränke",
            status=status,
            venue=venue,
            contact=self.contacts[{Event.Kind.COURSE: 1, Event.Kind.CONFERENCE: 2, Event.Kind.NETWORK: 2}.get(kind, 0)],
            course=course,
        )
        topics = rng.sample(self.topics, 3)
        event.search_text = event.compose_search_text(topics)
        self.links.append(
            (
                event,
                topics,
                rng.sample(self.groups, 2),
                [self.languages[0]] + rng.sample(self.languages[1:], rng.randint(0, 2)),
                rng.sample(self.partners, rng.randint(1, 3)),
            )
        )
        return event

    def save(self, batch_size=2000):
        """Insert every built event with its relations in a few bulk statements."""
        events = [link[0] for link in self.links]
        Event.objects.bulk_create(events, batch_size=batch_size)
        through = {
            "topics": Event.topics.through,
            "target_groups": Event.target_groups.through,
            "languages": Event.languages.through,
            "partners": Event.partners.through,
        }
        rows = {name: [] for name in through}
        for event, topics, groups, languages, partners in self.links:
            rows["topics"] += [through["topics"](event_id=event.id, topic_id=t.id) for t in topics]
            rows["target_groups"] += [through["target_groups"](event_id=event.id, targetgroup_id=g.id) for g in groups]
            rows["languages"] += [through["languages"](event_id=event.id, language_id=lang.id) for lang in languages]
            rows["partners"] += [through["partners"](event_id=event.id, partner_id=p.id) for p in partners]
        for name, model in through.items():
            model.objects.bulk_create(rows[name], batch_size=batch_size * 3)
        agenda = [
            AgendaItem(event=event, time=item_time, title=title, position=i)
            for event, *_ in self.links
            if event.kind == Event.Kind.TRAINING
            for i, (item_time, title) in enumerate(STANDARD_AGENDA)
        ]
        AgendaItem.objects.bulk_create(agenda, batch_size=batch_size * 3)
        self.links = []
        return events


def bad_schandau_training(factory, topics, partners, contacts):
    """The seed's real-world model: Bad Schandau, 27.2.2016, 10–17 h, free, deadline 23.2., three co-hosts."""
    town = Municipality.objects.get(name="Bad Schandau")
    venue = Venue.objects.create(
        name="Ev.-Luth. Gemeindehaus Bad Schandau",
        street="Kirchstraße 1",
        postal_code="01814",
        municipality=town,
        accessibility="Ebenerdiger Zugang über den Hof; barrierefreies WC im Erdgeschoss.",
        public_transport="S-Bahn S1 bis Bad Schandau, dann mit der Fähre oder dem Bus 252 in die Altstadt.",
    )
    event = Event.objects.create(
        kind=Event.Kind.TRAINING,
        title="Unterstützer_innenschulung in Bad Schandau",
        slug="unterstuetzer-innenschulung-bad-schandau-2016-02-27",
        summary=SUMMARIES[Event.Kind.TRAINING],
        description=DESCRIPTION,
        # The model event also shows the optional English texts (other demo events fall back to German).
        title_en="Training for supporters in Bad Schandau",
        summary_en="Causes of flight, the asylum procedure and living conditions of refugees in Saxony – "
        "and room for questions about what volunteers can and cannot do locally.",
        start=at(date(2016, 2, 27), 10),
        end=at(date(2016, 2, 27), 17),
        registration_deadline=at(date(2016, 2, 23), 23, 59),
        capacity=30,
        costs=Decimal("0"),
        catering="Getränke und Mittagsimbiss",
        status=Event.Status.HELD,
        venue=venue,
        contact=contacts[0],
    )
    event.topics.set([topics[s] for s in ("fluchtursachen", "asylverfahren", "lebensbedingungen", "ehrenamt")])
    event.partners.set(
        [
            p
            for p in partners
            if p.name
            in {
                "Arbeitskreis Asyl Bad Schandau",
                "Sächsischer Flüchtlingsrat e.V.",
                "Ev.-Luth. Kirchgemeinde an der Elbe",
            }
        ]
    )
    event.target_groups.set(TargetGroup.objects.filter(slug="ehrenamtliche"))
    event.languages.set(Language.objects.filter(code="de"))
    AgendaItem.objects.bulk_create(
        [
            AgendaItem(event=event, time=clock, title=title, title_en=title_en, position=i)
            for i, (clock, title, title_en) in enumerate(
                [
                    (time(10, 0), "Ankommen und Anmeldung", "Arrival and registration"),
                    (time(10, 15), "Begrüßung", "Welcome"),
                    (time(10, 30), "Einführung", "Introduction"),
                    (
                        time(11, 0),
                        "Asyl in Sachsen: Verfahren, Anerkennungsquoten, Lebensbedingungen, Leistungen",
                        "Asylum in Saxony: procedure, recognition rates, living conditions, benefits",
                    ),
                    (time(13, 30), "Die Situation im Landkreis", "The situation in the district"),
                    (
                        time(15, 0),
                        "Möglichkeiten und Grenzen ehrenamtlichen Engagements",
                        "What volunteers can and cannot do",
                    ),
                ]
            )
        ]
    )
    event.refresh_search_text()
    return event


def seed_events(*, upcoming=60, past=200, seed=2016, today=None):
    """The demo catalogue; returns (upcoming_count, past_count) of listed events created."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    topics, groups, languages, partners, contacts = reference_data()
    venues = venues_for_all_districts(rng)
    factory = EventFactory(
        rng, topics=topics, groups=groups, languages=languages, partners=partners, contacts=contacts, venues=venues
    )
    kinds = [Event.Kind.TRAINING] * 5 + [Event.Kind.NETWORK] * 3 + [Event.Kind.CONFERENCE]
    # Upcoming: every district gets offers (venues are per district, so walk them in turn).
    for i in range(upcoming):
        day = today + timedelta(days=7 + (i * 180) // max(upcoming, 1))
        factory.build(kind=rng.choice(kinds), day=day, venue=venues[i % len(venues)])
    for i in range(past):
        day = today - timedelta(days=7 + (i * 3600) // max(past, 1))
        factory.build(kind=rng.choice(kinds), day=day, status=Event.Status.HELD)
    factory.save()
    courses = seed_courses(factory, today)
    if past and not Event.objects.filter(slug="unterstuetzer-innenschulung-bad-schandau-2016-02-27").exists():
        bad_schandau_training(factory, topics, partners, contacts)
    return upcoming + courses, past


def seed_courses(factory, today, count=3, modules=3):
    """Multiplier courses: a course event plus its modules, each module with its own seats."""
    for n in range(count):
        first = today + timedelta(days=20 + 30 * n)
        venue = factory.rng.choice(factory.venues)
        title = f"Multiplikator_innen-Fortbildung {venue.municipality.district.short_name} {first.year}"
        course = factory.build(kind=Event.Kind.COURSE, day=first, venue=venue, title=title)
        factory.save()
        for m in range(modules):
            module_day = first + timedelta(days=14 * m)
            factory.build(
                kind=Event.Kind.COURSE,
                day=module_day,
                venue=venue,
                course=course,
                title=f"Modul {m + 1}: {['Grundlagen', 'Beraten und Verweisen', 'Praxis und Abschluss'][m % 3]}",
            )
        factory.save()
        course.end = at(first + timedelta(days=14 * (modules - 1)), 17)
        course.capacity = 20
        course.save(update_fields=["end", "capacity"])
        course.modules.update(capacity=20)
    return count
