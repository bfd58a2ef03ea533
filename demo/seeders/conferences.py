"""A fictional two-day Fachtag in Dresden: 3 slots × 4 parallel workshops, plenary, panel and breaks,
speakers (some with a public bio), and registrations with workshop choices made through the real
services, so two workshops are full and have waiting lists and some people got their second choice."""

import secrets
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from conferences import services as conferences_services
from conferences.forms import ReimbursementForm
from conferences.models import Conference, Room, Session, Slot, Speaker
from events.models import Contact, Event, Venue
from privacy.consent import Consent
from regions.models import Municipality
from registrations import services
from registrations.models import Booking, Registration

SLUG = "fachtag-flucht-und-asyl-dresden"

WORKSHOPS = [
    [
        ("Asylverfahren verstehen: Anhörung, Bescheid, Klage", "Understanding the asylum procedure"),
        ("Traumasensibel begleiten", "Trauma-sensitive support"),
        ("Sprachmittlung im Ehrenamt", "Language mediation as a volunteer"),
        ("Wohnungssuche mit Geflüchteten", "Finding housing with refugees"),
    ],
    [
        ("Arbeitsmarktzugang und Beschäftigungsduldung", "Access to work"),
        ("Kinder und Jugendliche in Gemeinschaftsunterkünften", "Children in shared accommodation"),
        ("Rassismus begegnen – im Alltag und in Behörden", "Countering racism"),
        ("Gesundheitsversorgung nach dem AsylbLG", "Health care for asylum seekers"),
    ],
    [
        ("Familiennachzug: Wege und Hürden", "Family reunification"),
        ("Selbstfürsorge für Engagierte", "Self-care for volunteers"),
        ("Zusammenarbeit von Ehrenamt und Verwaltung", "Volunteers and administration working together"),
        ("Digitale Werkzeuge für Initiativen", "Digital tools for initiatives"),
    ],
]

ROOMS = [
    ("Saal Elbe", 30, True),
    ("Raum Weißeritz", 20, True),
    ("Raum Prießnitz", 12, False),
    ("Raum Lockwitz", 25, True),
]


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def seed_conference():
    """The upcoming Fachtag (full workshops, waiting lists) and last year's, held, with travel-cost
    requests in every state. Returns (programme items, registrations) made."""
    made, people = _fachtag(days=45, slug=SLUG, title="Fachtag Flucht und Asyl in Sachsen")
    past_made, past_people = _fachtag(
        days=-60, slug=f"{SLUG}-rueckblick", title="Fachtag Flucht und Asyl in Sachsen (Rückblick)", status="held"
    )
    _reimbursements(Conference.objects.get(event__slug=f"{SLUG}-rueckblick"))
    return made + past_made, people + past_people


def _fachtag(*, days, slug, title, status=Event.Status.PUBLISHED):
    dresden = Municipality.objects.get(name="Dresden")
    venue = Venue.objects.create(
        name="Bürgerhaus Dresden-Mitte (Demo)",
        street="Am Elbufer 7",
        postal_code="01067",
        municipality=dresden,
        accessibility="Aufzug zu allen Etagen außer Raum Prießnitz (Altbau, 6 Stufen); barrierefreies WC.",
        public_transport="Straßenbahn 4 und 8 bis Haltestelle Theaterplatz.",
    )
    first_day = (timezone.localtime() + timedelta(days=days)).date()
    event = Event.objects.create(
        kind=Event.Kind.CONFERENCE,
        title=title,
        slug=slug,
        summary="Zwei Tage Austausch für Ehrenamtliche, Fachkräfte und Verwaltung: Vorträge, Podium und "
        "zwölf Workshops.",
        title_en="Conference on flight and asylum in Saxony",
        start=_at(first_day, 9),
        end=_at(first_day + timedelta(days=1), 16),
        registration_deadline=_at(first_day - timedelta(days=7), 23, 59),
        capacity=150,
        status=status,
        venue=venue,
        contact=Contact.objects.order_by("id").first(),
    )
    conference = Conference.objects.create(
        event=event, acronym=slug[:40], published=True, offers_reimbursement=days < 0
    )
    rooms = [
        Room.objects.create(conference=conference, name=name, capacity=capacity, step_free=step_free, position=n)
        for n, (name, capacity, step_free) in enumerate(ROOMS)
    ]
    hall = Room.objects.create(conference=conference, name="Großer Saal", capacity=200, position=9)
    day2 = first_day + timedelta(days=1)
    plan = [
        (first_day, (9, 0), (10, 0), Session.Kind.PLENARY, "Begrüßung und Eröffnungsvortrag", hall),
        (first_day, (10, 15), (11, 45), None, 0, None),
        (first_day, (11, 45), (12, 45), Session.Kind.BREAK, "Mittagspause", None),
        (first_day, (12, 45), (14, 15), None, 1, None),
        (day2, (9, 0), (10, 30), Session.Kind.PANEL, "Podium: Ehrenamt und Verwaltung im Gespräch", hall),
        (day2, (10, 45), (12, 15), None, 2, None),
        (day2, (12, 30), (13, 30), Session.Kind.PLENARY, "Abschluss und Ausblick", hall),
    ]
    speakers = [
        Speaker.objects.create(
            conference=conference,
            name=f"Demo Referent_in {n + 1}",
            organisation=["Demo-Beratungsstelle", "Demo-Verein", "Demo-Landkreis"][n % 3],
            bio="Berät seit vielen Jahren Geflüchtete und Ehrenamtliche in Sachsen." if n % 2 == 0 else "",
            bio_public=n % 2 == 0,
        )
        for n in range(14)
    ]
    made = 0
    for day, (h1, m1), (h2, m2), kind, what, room in plan:
        slot = Slot.objects.create(conference=conference, start=_at(day, h1, m1), end=_at(day, h2, m2))
        if kind is not None:
            session = Session.objects.create(conference=conference, slot=slot, room=room, kind=kind, title=what)
            if kind != Session.Kind.BREAK:
                session.speakers.add(speakers[12 + made % 2])
            made += 1
            continue
        for n, ((title, title_en), workshop_room) in enumerate(zip(WORKSHOPS[what], rooms, strict=True)):
            session = Session.objects.create(
                conference=conference,
                slot=slot,
                room=workshop_room,
                kind=Session.Kind.WORKSHOP,
                title=title,
                title_en=title_en,
                abstract="Input, Fallbeispiele aus sächsischen Initiativen und Zeit für Fragen.",
                capacity=8 if n == 2 else None,  # one small workshop per slot fills up first
            )
            session.speakers.add(speakers[what * 4 + n])
            made += 1
    return made, _register_people(conference)


def _register_people(conference):
    slots = [
        s for s in Slot.objects.filter(conference=conference).order_by("start") if s.sessions.filter(kind="workshop")
    ]
    municipalities = list(Municipality.objects.order_by("name").values_list("id", flat=True)[::30])
    event = conference.event
    # A past Fachtag: everyone registered two weeks before it (the service refuses late sign-ups).
    now = min(timezone.now(), event.start - timedelta(days=14))
    made = 0
    for n in range(40):
        extra = {}
        for index, slot in enumerate(slots):
            workshops = list(slot.sessions.filter(kind="workshop").order_by("room__position"))
            # Most want the small workshop; every other person names a second choice.
            first = workshops[2] if (n + index) % 3 else workshops[(n + index) % 4]
            extra[f"workshop_{slot.pk}"] = str(first.pk)
            if n % 2:
                extra[f"workshop_{slot.pk}_second"] = str(workshops[(workshops.index(first) + 1) % 4].pk)
        key = secrets.token_urlsafe(24)
        services.register(
            event=conference.event,
            person={
                "name": f"Demo Fachtag-Teilnehmer_in {n + 1}",
                "email": f"demo.fachtag{n + 1}.{event.pk}@example.org",
                "organisation": "Demo-Initiative",
                "role": ["volunteer", "professional", "administration"][n % 3],
                "municipality_id": municipalities[n % len(municipalities)],
            },
            consent=Consent(None, now),
            submission_key=key,
            language="de",
            extra=extra,
            now=now,
        )
        registration = Registration.objects.get(submission_key=key)
        if n % 5:
            services.confirm_address(registration=registration, now=now)
        made += 1
    return made


DEMO_PDF = b"%PDF-1.4\n% Demo-Fahrkarte (fiktiv)\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
DEMO_IBANS = ["DE89370400440532013000", "DE02120300000000202051", "DE02100100100006820101", "DE12500105170648489890"]


def _reimbursements(conference):
    """Six people were there; their travel-cost requests are in every state (written by the services)."""
    team = User.objects.filter(role=User.Role.TEAM).order_by("id").first()
    people = list(
        Registration.objects.filter(event=conference.event, email_confirmed_at__isnull=False).order_by("id")[:6]
    )
    Booking.objects.filter(registration__in=people).update(attended=True)
    made = []
    for n, person in enumerate(people):
        form = ReimbursementForm(
            {
                "route": ["Zittau – Dresden und zurück", "Plauen – Dresden", "Torgau – Dresden und zurück"][n % 3],
                "transport": ["train", "car", "train"][n % 3],
                "amount": ["23,40", "61,20", "18,00"][n % 3],
                "account_holder": person.name,
                "iban": DEMO_IBANS[n % len(DEMO_IBANS)],
            },
            {"receipt_1": SimpleUploadedFile("fahrkarte.pdf", DEMO_PDF)},
        )
        form.is_valid()
        made.append(conferences_services.submit_reimbursement(registration=person, conference=conference, form=form))
    decide = conferences_services.decide_reimbursement
    decide(actor=team, reimbursement=made[1], decision="approved", approved_amount=None, reason="", version=1)
    reason = "Mitfahrgelegenheit ohne Kosten."
    decide(actor=team, reimbursement=made[3], decision="rejected", approved_amount=None, reason=reason, version=1)
    # SEPA files from a fictional demo account: the first one the bank executed (paid), the second not yet.
    with override_settings(REIMBURSEMENT_DEBTOR_IBAN="DE02120300000000202051", REIMBURSEMENT_DEBTOR_BIC="BYLADEM1001"):
        batch = conferences_services.export_payments(actor=team, conference=conference)
        conferences_services.confirm_paid(actor=team, batch=batch, paid_on=timezone.localdate(batch.created_at))
        decide(actor=team, reimbursement=made[4], decision="approved", approved_amount=None, reason="", version=1)
        conferences_services.export_payments(actor=team, conference=conference)
    reason, amount = "Nur 2. Klasse erstattungsfähig.", Decimal("12.00")
    decide(actor=team, reimbursement=made[2], decision="partly", approved_amount=amount, reason=reason, version=1)
    decide(actor=team, reimbursement=made[5], decision="approved", approved_amount=None, reason="", version=1)
