"""Fictional initiatives in every district (invented names, addresses @example.org)."""

import random

from django.utils.text import slugify

from network.models import Initiative
from regions.models import District, Municipality

PATTERNS = [
    (Initiative.Kind.WELCOME, "Willkommensbündnis {place}", "Sprachcafé, Begleitung zu Ämtern, Patenschaften"),
    (
        Initiative.Kind.PARISH,
        "Ev.-Luth. Kirchgemeinde {place} – Arbeitskreis Asyl",
        "Begegnungscafé, Kleiderkammer, Beratung zum Kirchenasyl",
    ),
    (Initiative.Kind.ASSOCIATION, "Offene Nachbarschaft {place} e.V.", "Fahrradwerkstatt, Hausaufgabenhilfe, Sport"),
    (Initiative.Kind.NETWORK, "Netzwerk Ankommen {place}", "Vernetzung von Ehrenamtlichen und Verwaltung"),
    (Initiative.Kind.WELCOME, "Deutsch-Treff {place}", "Deutsch lernen im Alltag, Frauencafé"),
    (Initiative.Kind.ASSOCIATION, "Interkultureller Garten {place} e.V.", "Gemeinsam gärtnern und kochen"),
]
MEETINGS = [
    "jeden Dienstag, 17–19 Uhr im Gemeindehaus",
    "jeden ersten Donnerstag im Monat, 18 Uhr",
    "mittwochs 15–18 Uhr im Bürgerhaus",
    "samstags 10–13 Uhr in der Werkstatt",
    "",
]
JOIN = (
    "Kommen Sie einfach zu einem unserer Treffen. Wir suchen Menschen, die Zeit für Begleitungen, "
    "Sprachpaten_innen und Hilfe bei Behördenpost haben."
)
DESCRIPTION = (
    "Wir sind Nachbar_innen, die geflüchtete Menschen beim Ankommen unterstützen: im Alltag, "
    "beim Deutschlernen und bei der Suche nach Arbeit und Wohnung."
)


def _initiative(n, place, pattern, *, status=Initiative.Status.APPROVED):
    kind, name, focus = pattern
    name = name.format(place=place.name)
    initiative = Initiative(
        name=name,
        slug=f"{slugify(name)[:60]}-{n}",
        kind=kind,
        municipality=place,
        focus=focus,
        description=DESCRIPTION,
        how_to_join=JOIN,
        meeting_times=MEETINGS[n % len(MEETINGS)],
        contact_email=f"initiative-{n}@example.org",
        status=status,
    )
    initiative.search_text = initiative.build_search_text()
    return initiative


def seed_initiatives(count=None, *, seed=7):
    """Approved demo initiatives; `count=None` gives three per district plus one proposal.

    `seed_initiatives(count=1000)` is the fast bulk path for benchmarks (one bulk insert).
    Returns the number of rows created.
    """
    rng = random.Random(seed)
    places = list(Municipality.objects.select_related("district").order_by("ags"))
    offset = Initiative.objects.count()
    rows = []
    if count is None:
        by_district = {}
        for place in places:
            by_district.setdefault(place.district_id, []).append(place)
        for district in District.objects.order_by("ars"):
            pool = by_district[district.id]  # a city district is a single municipality
            picked = rng.sample(pool, min(3, len(pool)))
            for place in (picked * 3)[:3]:
                n = offset + len(rows)
                rows.append(_initiative(n, place, PATTERNS[n % len(PATTERNS)]))
        n = offset + len(rows)
        rows.append(_initiative(n, rng.choice(places), PATTERNS[0], status=Initiative.Status.PROPOSED))
    else:
        for i in range(count):
            n = offset + i
            rows.append(_initiative(n, rng.choice(places), PATTERNS[n % len(PATTERNS)]))
    Initiative.objects.bulk_create(rows, batch_size=500)
    return len(rows)
