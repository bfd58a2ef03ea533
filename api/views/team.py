"""The operations with a token (`/api/v1/team/…`): the back office's rules, personal data audited."""

from ninja import Query, Router

from api import schemas
from api.auth import TokenAuth, require_scope
from api.problems import ApiProblem, invalid
from api.services import record_personal_data_read
from api.views.common import TOKEN_PROBLEMS, EventId, paged, private_json, reject_unknown
from events.models import Session
from events.permissions import can_check_in, can_view_participants, events_visible_to, visible_event_or_404
from participants import queries as participant_queries
from participants.services import check_in
from registrations.models import Booking
from registrations.queries import with_registration_counts

# --- With a token ----------------------------------------------------------------------------

team = Router(tags=["team"], auth=TokenAuth())


@team.get("/events", response={200: schemas.TeamEventPage, **TOKEN_PROBLEMS}, summary="Events the account sees")
def team_event_list(request, params: Query[schemas.TeamEventParams]):
    """Every event the token's account may open in the back office (drafts too), with counts. Scope `events:read`."""
    reject_unknown(request, params)
    require_scope(request, "events:read")
    events = events_visible_to(request.auth).order_by("start", "id")
    if params.status:
        events = events.filter(status=params.status)
    if params.date_from:
        events = events.filter(end__date__gte=params.date_from)
    if params.date_to:
        events = events.filter(start__date__lte=params.date_to)
    count = events.count()

    def serialize(event):
        return {
            "id": event.pk,
            "slug": event.slug,
            "kind": event.kind,
            "status": event.status,
            "title": event.title,
            "start": event.start,
            "end": event.end,
            "capacity": event.capacity,
            "confirmed": event.confirmed_count,
            "pending": event.pending_count,
            "waiting": event.waiting_count,
        }

    return private_json(
        schemas.TeamEventPage, paged(request, params, with_registration_counts(events), count, serialize)
    )


def event_with_names(request, pk):
    """The event if the account may open it (else 404) and see its people's names (else 403)."""
    require_scope(request, "participants:read")
    event = visible_event_or_404(request.auth, pk)
    if not can_view_participants(request.auth, event):
        raise ApiProblem(403, "counts-only", "For this event the account sees counts (GET /team/events), not names.")
    return event


def person(booking):
    registration = booking.registration
    return {"booking": booking.pk, "name": registration.name, "email": registration.email}


@team.get(
    "/events/{pk}/participants",
    response={200: schemas.ParticipantPage, **TOKEN_PROBLEMS},
    summary="Participants of one event",
)
def team_participants(request, pk: EventId, params: Query[schemas.PageParams]):
    """Everyone with a place (confirmed, held, offered), by name. Scope `participants:read`; audited."""
    reject_unknown(request, params)
    event = event_with_names(request, pk)
    rows = participant_queries.by_name(participant_queries.bookings_of(event).filter(status__in=Booking.TAKEN))

    def serialize(booking):
        registration = booking.registration
        return {
            **person(booking),
            "status": booking.status,
            "phone": registration.phone,
            "organisation": registration.organisation,
            "role": registration.role,
            "municipality": registration.municipality.name if registration.municipality_id else None,
            "present": booking.check_in_count > 0,
        }

    data = paged(request, params, rows, len(rows), serialize)
    count = len(data["results"])
    record_personal_data_read(
        token=request.api_token, action="api.participants_read", target=event, count=count, request=request
    )
    return private_json(schemas.ParticipantPage, data)


@team.get(
    "/events/{pk}/waiting-list",
    response={200: schemas.WaitingPage, **TOKEN_PROBLEMS},
    summary="Waiting list of one event",
)
def team_waiting_list(request, pk: EventId, params: Query[schemas.PageParams]):
    """The people waiting, in line. Scope `participants:read`; audited."""
    reject_unknown(request, params)
    event = event_with_names(request, pk)
    rows = list(
        Booking.objects.filter(event=event, status=Booking.Status.WAITING).select_related("registration").order_by("id")
    )

    def serialize(numbered):
        position, booking = numbered
        return {**person(booking), "position": position, "registered_at": booking.registration.created_at}

    data = paged(request, params, list(enumerate(rows, start=1)), len(rows), serialize)
    count = len(data["results"])
    record_personal_data_read(
        token=request.api_token, action="api.waiting_list_read", target=event, count=count, request=request
    )
    return private_json(schemas.WaitingPage, data)


@team.post(
    "/events/{pk}/check-ins",
    response={200: schemas.CheckInOut, 201: schemas.CheckInOut, **TOKEN_PROBLEMS},
    summary="Mark one person present",
)
def team_check_in(request, pk: EventId, payload: schemas.CheckInIn):
    """Like the tick on the door list: the team and the event's trainers. Scope `checkin:write`.
    An event with sessions needs the session; a second call changes nothing (200, created false)."""
    require_scope(request, "checkin:write")
    event = visible_event_or_404(request.auth, pk)
    if not can_check_in(request.auth, event):
        raise ApiProblem(403, "forbidden", "This account cannot check people in for this event.")
    booking = Booking.objects.filter(pk=payload.booking, event=event).first()
    if booking is None or booking.status not in Booking.TAKEN:
        raise invalid("booking", "no place of this event")
    session = None
    has_sessions = Session.objects.filter(event=event).exists()
    if payload.session is not None:
        session = Session.objects.filter(pk=payload.session, event=event).first()
        if session is None:
            raise invalid("session", "no session of this event")
    elif has_sessions:
        raise invalid("session", "this event has sessions: name one")
    created = check_in(actor=request.auth, booking=booking, session=session, request=request)
    data = {"booking": booking.pk, "session": session.pk if session else None, "present": True, "created": created}
    return private_json(schemas.CheckInOut, data, status=201 if created else 200)
