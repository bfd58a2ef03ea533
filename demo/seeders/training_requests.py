"""Fictional training requests: every state, several districts, two from the demo partner's account,
one turned into a published event (invented names, addresses @example.org)."""

from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from demo.seeders.accounts import DEMO_PARTNER
from events import services as event_services
from events.models import Contact, Event, Partner, TargetGroup, Topic, Venue
from regions.models import Municipality
from training_requests import services
from training_requests.models import Message, Note, StateChange, TrainingRequest

State = TrainingRequest.State
Kind = TrainingRequest.Kind

# (organisation, kind, place, state, days ago, from the partner account)
REQUESTS = [
    ("Ev.-Luth. Kirchgemeinde Zittau", Kind.PARISH, "Zittau", State.NEW, 2, False),
    ("Willkommensbündnis Döbeln", Kind.INITIATIVE, "Döbeln", State.NEW, 12, False),
    ("Stadtverwaltung Plauen, Integrationsbeauftragte", Kind.MUNICIPALITY, "Plauen", State.DISCUSSION, 20, False),
    ("Landratsamt Bautzen, Koordination Ehrenamt", Kind.DISTRICT_OFFICE, "Bautzen", State.DISCUSSION, 9, False),
    ("Offene Nachbarschaft Freiberg e.V.", Kind.ASSOCIATION, "Freiberg", State.DECLINED, 60, False),
    ("Deutsch-Treff Torgau", Kind.INITIATIVE, "Torgau", State.WITHDRAWN, 45, False),
    ("Netzwerk Ankommen Pirna", Kind.OTHER, "Pirna", State.HELD, 120, True),
    ("Katholische Pfarrei Görlitz", Kind.PARISH, "Görlitz", State.NEW, 1, True),
]


def _request(n, organisation, kind, place, state, days_ago, partner, team):
    now = timezone.now()
    created = now - timedelta(days=days_ago)
    municipality = Municipality.objects.get(name=place)
    training_request = TrainingRequest.objects.create(
        organisation=organisation,
        kind=kind,
        municipality=municipality,
        wished_period="Frühjahr, gern an einem Samstag",
        window1_start=date.today() + timedelta(days=40 + n),
        window1_end=date.today() + timedelta(days=41 + n),
        expected_participants=12 + n,
        topics_other="Umgang mit Anfeindungen",
        languages_needed="Dolmetschen ins Arabische" if n % 2 else "",
        room=TrainingRequest.Room.YES if n % 3 else TrainingRequest.Room.UNSURE,
        room_accessibility="ebenerdig, barrierefreie Toilette" if n % 3 else "",
        local_partners="Jugendmigrationsdienst, Stadtbibliothek",
        message="Wir begleiten seit 2015 geflüchtete Familien und möchten neue Ehrenamtliche gut vorbereiten.",
        contact_name=f"Demo-Ansprechperson {n}",
        contact_email=f"anfrage-{n}@example.org",
        partner_organisation=Partner.objects.filter(name=DEMO_PARTNER).first() if partner else None,
        email_confirmed_at=created,
        state=state,
        state_changed_at=created + timedelta(days=1) if state != State.NEW else created,
        closed_at=now - timedelta(days=5) if state in TrainingRequest.CLOSED else None,
        decline_reason="Im gewünschten Zeitraum sind alle Referent_innen gebunden." if state == State.DECLINED else "",
        assignee=team if state != State.NEW else None,
        privacy_notice_version=None,
    )
    TrainingRequest.objects.filter(pk=training_request.pk).update(created_at=created, updated_at=created)
    training_request.topics.set(Topic.objects.filter(archived=False).order_by("pk")[:2])
    training_request.target_groups.set(TargetGroup.objects.filter(archived=False).order_by("pk")[:1])
    StateChange.objects.create(request=training_request, to_state=State.NEW, by_requester=True, at=created)
    if state != State.NEW:
        StateChange.objects.create(
            request=training_request, from_state=State.NEW, to_state=state, actor=team, at=created + timedelta(days=1)
        )
        Message.objects.create(
            request=training_request,
            from_team=True,
            author=team,
            body="Danke für Ihre Anfrage! Passt Ihnen ein Samstag im März?",
            created_at=created + timedelta(days=1),
        )
        if state == State.DISCUSSION:
            # The requester's answer nobody in the team has read yet (marked in the queue).
            Message.objects.create(
                request=training_request,
                from_team=False,
                body="Ja, ein Samstag im März passt uns gut. Den Raum im Gemeindehaus haben wir schon angefragt.",
                created_at=min(created + timedelta(days=2), now),
            )
        Note.objects.create(
            request=training_request,
            author=team,
            body="Telefonisch vorbesprochen.",
            created_at=created + timedelta(days=1),
        )
    return training_request


def _plan_and_publish(team):
    """A request from Meißen, planned as an offer through the real services and published."""
    training_request = _request(99, "Welcome Café Meißen", Kind.INITIATIVE, "Meißen", State.DISCUSSION, 25, True, team)
    event = services.plan_event(
        actor=team, training_request=training_request, expected_version=training_request.version
    )
    start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=35)
    venue = Venue.objects.filter(municipality__name="Meißen").first() or Venue.objects.order_by("pk").first()
    Event.objects.filter(pk=event.pk).update(
        start=start,
        end=start + timedelta(hours=7),
        registration_deadline=start - timedelta(days=3),
        venue=venue,
        contact=Contact.objects.order_by("pk").first(),
        summary="Eine Schulung für Ehrenamtliche in Meißen, auf Anfrage des Welcome Café.",
    )
    event.refresh_from_db()
    event_services.publish_event(actor=team, event=event)


def seed_training_requests():
    team = User.objects.get(email="team@example.org")
    for n, row in enumerate(REQUESTS, start=1):
        _request(n, *row, team)
    _plan_and_publish(team)
    return TrainingRequest.objects.count()
