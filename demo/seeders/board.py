"""Fictional posts for the board (Suche/Biete): needs and offers across Saxony, some waiting for
the team, one reported, one with a phone number flagged for review; all addresses @example.org."""

import random
from datetime import timedelta

from django.utils import timezone

from board.models import Post, Report
from network.models import Initiative
from regions.models import Municipality

POSTS = [
    (
        "need",
        "interpreting",
        "Dolmetscher_innen Arabisch für Behördentermine gesucht",
        "Für Begleitungen ins Landratsamt und zur Ausländerbehörde suchen wir Menschen, die Arabisch und Deutsch "
        "sprechen. Meist dienstags vormittags.",
    ),
    (
        "offer",
        "rooms",
        "Gemeinderaum für Sprachcafé frei",
        "Unser Gemeinderaum (30 Plätze, Küche, barrierefrei) ist mittwochs und freitags nachmittags frei.",
    ),
    (
        "need",
        "transport",
        "Fahrten zum Sprachkurs gesucht",
        "Drei Frauen aus dem Dorf brauchen zweimal pro Woche eine Mitfahrgelegenheit zum Sprachkurs in die Kreisstadt.",
    ),
    (
        "offer",
        "donations",
        "Kinderfahrräder abzugeben",
        "Fünf gut erhaltene Kinderfahrräder (16 bis 24 Zoll) aus unserer Fahrradwerkstatt, gern an Familien.",
    ),
    (
        "offer",
        "mentoring",
        "Patenschaften für neu angekommene Familien",
        "Wir vermitteln Patenschaften: Begleitung im Alltag, bei Schule und Kita, ein- bis zweimal im Monat.",
    ),
    (
        "offer",
        "training",
        "Schulung „Asylrecht kompakt“ für Ehrenamtliche",
        "Die Fachstelle bietet einen Abend zu Grundlagen des Asylverfahrens an, für Gruppen ab acht Personen.",
    ),
    (
        "need",
        "volunteers",
        "Ehrenamtliche für die Hausaufgabenhilfe gesucht",
        "Montags und donnerstags 15 bis 17 Uhr, Klassen 3 bis 8. Vorkenntnisse braucht es nicht.",
    ),
    (
        "need",
        "interpreting",
        "Sprachmittlung Dari/Farsi für Elternabend",
        "Für einen Elternabend an der Grundschule suchen wir eine Sprachmittlung Dari oder Farsi.",
    ),
    (
        "offer",
        "transport",
        "Transporter für Umzüge am Wochenende",
        "Unser Verein verleiht seinen Transporter an Initiativen, die bei Umzügen helfen.",
    ),
    (
        "need",
        "rooms",
        "Lagerraum für die Kleiderkammer gesucht",
        "Wir suchen einen trockenen Raum (etwa 20 m²), gern ebenerdig.",
    ),
]
PLACES = ["Bautzen", "Görlitz", "Pirna", "Freital", "Kamenz", "Zittau", "Meißen", "Riesa", "Plauen", "Chemnitz"]


def seed_board(*, seed=11):
    """About a dozen posts; returns how many."""
    rng = random.Random(seed)
    now = timezone.now()
    initiatives = list(Initiative.objects.approved().select_related("municipality").order_by("id")[:20])
    places = {m.name: m for m in Municipality.objects.filter(name__in=PLACES)}
    posters = [Post.Poster.INITIATIVE, Post.Poster.PRIVATE, Post.Poster.SERVICE, Post.Poster.ADMINISTRATION]
    rows = []
    for n, (kind, category, title, text) in enumerate(POSTS):
        poster = posters[n % len(posters)]
        initiative = initiatives[n % len(initiatives)] if poster == Post.Poster.INITIATIVE and initiatives else None
        place = initiative.municipality if initiative else places[PLACES[n % len(PLACES)]]
        published = now - timedelta(days=rng.randint(1, 30))
        rows.append(
            Post(
                kind=kind,
                category=category,
                title=title,
                text=text,
                municipality=place,
                poster=poster if initiative or poster != Post.Poster.INITIATIVE else Post.Poster.PRIVATE,
                initiative=initiative,
                organisation={
                    "service": "Migrationsberatung Musterstadt",
                    "administration": "Integrationsbeauftragte der Stadt",
                }.get(poster, ""),
                first_name=["Jana", "", "Ali"][n % 3] if poster == Post.Poster.PRIVATE else "",
                email=initiative.contact_email if initiative else f"suche-biete-{n}@example.org",
                status=Post.Status.PENDING if n in (2, 7) else Post.Status.PUBLISHED,
                created_at=published,
                confirmed_at=published,
                published_at=None if n in (2, 7) else published,
                valid_until=published + timedelta(weeks=8),
            )
        )
    rows.append(
        Post(
            kind="offer",
            category="other",
            title="Nachhilfe Mathe",
            text="Rufen Sie mich an: 0170 1234567",
            municipality=places["Riesa"],
            poster=Post.Poster.PRIVATE,
            first_name="Kim",
            email="suche-biete-telefon@example.org",
            status=Post.Status.PENDING,
            needs_review_for_contact_data=True,
            created_at=now,
            confirmed_at=now,
            valid_until=now + timedelta(weeks=8),
        )
    )
    for row in rows:
        row.search_text = row.build_search_text()
    Post.objects.bulk_create(rows)
    reported = Post.objects.filter(title="Transporter für Umzüge am Wochenende").first()
    if reported:
        Report.objects.create(post=reported, reason=Report.Reason.SPAM, note="Sieht nach Werbung aus.")
    return len(rows)
