"""REST API v1 (`/api/v1/`): django-ninja generates the OpenAPI 3.1 schema from these functions and
the shapes in `api.schemas`.

Public lists need no token and answer with an ETag (a matching If-None-Match gets 304). The `team`
operations need a bearer token (`api.auth`) with the scope they name, and follow the back office's
rules: events the account cannot open are 404, names only where its pages show names. Every answer
with personal data leaves an audit entry. Errors are problem documents (`api.problems`).
Other apps add routers through the hook `api_routers` (docs/architecture.md, "REST API").
"""

import hashlib
import math
from typing import Annotated
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Path, Query, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError

from api import schemas
from api.auth import TokenAuth, require_scope
from api.problems import MEDIA_TYPE, ApiProblem, Problem, invalid, not_found
from api.services import record_personal_data_read
from core.registry import announce, hook_answers
from core.text import fold
from events.models import Event, Language, Session, TargetGroup, Topic
from events.permissions import can_check_in, can_view_participants, events_visible_to, visible_event_or_404
from network.models import Initiative
from participants import queries as participant_queries
from participants.services import check_in
from regions.models import District, Municipality
from regions.queries import distances_from, find_place
from registrations.models import Booking
from registrations.queries import bookable_events, places_for, with_registration_counts
from registrations.services import closed_reason

DESCRIPTION = """
The open interface of *Support für Initiative*: trainings, conferences and networking meetings
for people who volunteer with refugees in Saxony.

* **Public** operations need no token. Lists are paged (`page`, `per_page` ≤ 100) and say how
  many items match (`count`, `pages`); they send an `ETag`, so `If-None-Match` saves a download.
* **Team** operations need `Authorization: Bearer <token>`. A token is made by an account for
  itself on the back-office page "API-Tokens" with scopes (`events:read`, `participants:read`,
  `checkin:write`); it sees what the account's pages show, no more.
* **Errors** are problem documents (RFC 9457, `application/problem+json`) with a `type` from
  `/api/v1/problems/…`: `invalid-parameter` (400, the parameter is named in `invalid_params`),
  `unauthorized` (401: no, unknown, expired or revoked token), `forbidden` (403: the token's
  scope does not cover the operation), `counts-only` (403: this account sees counts, not names, for
  the event), `not-found` (404, also for events the account may not see), `too-many-requests` (429).
"""

PROBLEMS = {400: Problem, 404: Problem}
EventId = Annotated[int, Path(ge=1, le=2_147_483_647, description="The event's id (from GET /team/events)")]
TOKEN_PROBLEMS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}


class Api(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """Error answers are problem documents: say so in the schema."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                for status, response in operation.get("responses", {}).items():
                    content = response.get("content", {})
                    if int(status) >= 400 and "application/json" in content:
                        response["content"] = {MEDIA_TYPE: content["application/json"]}
        return schema


api = Api(
    title="Support für Initiative API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="api_v1",
    docs_url="/docs/",
    openapi_url="/openapi.json",
)


def not_found_view(request, rest=""):
    """Any other path under /api/v1/: a problem document, not the site's HTML page."""
    return problem_response(not_found(f"No operation at {request.path}."))


def problem_response(problem: ApiProblem):
    response = HttpResponse(problem.as_problem().model_dump_json(exclude_none=True), content_type=MEDIA_TYPE)
    response.status_code = problem.status
    for name, value in problem.headers.items():
        response[name] = value
    response["Cache-Control"] = "no-store"
    return response


@api.exception_handler(ApiProblem)
def _problem(request, exc):
    return problem_response(exc)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    params = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "path", "body", "filters")]
        name = ".".join(location) or "body"
        params.append((name, error.get("msg", "invalid")))
    names = ", ".join(name for name, _reason in params)
    return problem_response(ApiProblem(400, "invalid-parameter", f"Invalid: {names}", invalid_params=params))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    detail = "Send a valid token: Authorization: Bearer <token> (unknown, expired and revoked tokens are refused)."
    return problem_response(ApiProblem(401, "unauthorized", detail, headers={"WWW-Authenticate": "Bearer"}))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return problem_response(not_found())


@api.exception_handler(HttpError)
def _http_error(request, exc):
    kind = {405: "method-not-allowed", 404: "not-found"}.get(exc.status_code, "invalid-parameter")
    return problem_response(ApiProblem(exc.status_code, kind, str(exc)))


# --- Helpers -------------------------------------------------------------------------------


def reject_unknown(request, params):
    """Unknown query parameters are an error naming them, not silently ignored."""
    known = {field.alias or name for name, field in type(params).model_fields.items()}
    for name in request.GET:
        if name not in known:
            raise invalid(name, "unknown parameter")


def paged(request, params, items, count, serialize):
    """The page envelope: count, pages, links to the neighbours, and the page's items."""
    pages = max(math.ceil(count / params.per_page), 1)
    start = (params.page - 1) * params.per_page
    rows = items[start : start + params.per_page] if start < count else []

    def link(page):
        query = request.GET.copy()
        query["page"] = page
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.items())))

    return {
        "count": count,
        "page": params.page,
        "per_page": params.per_page,
        "pages": pages,
        "next": link(params.page + 1) if params.page < pages else None,
        "previous": link(min(params.page - 1, pages)) if params.page > 1 else None,
        "results": [serialize(row) for row in rows],
    }


def public_json(request, schema, data):
    """A public answer with an ETag; If-None-Match with the same tag gets 304 without a body."""
    body = schema.model_validate(data).model_dump_json().encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    matches = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    response = HttpResponseNotModified() if etag in matches or "*" in matches else HttpResponse(body)
    response["Content-Type"] = "application/json"
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={settings.API_PUBLIC_MAX_AGE}"
    return response


def private_json(schema, data, status=200):
    """An answer for a token: serialised through its schema, never stored by caches."""
    body = schema.model_validate(data).model_dump_json()
    response = HttpResponse(body, content_type="application/json", status=status)
    response["Cache-Control"] = "no-store"
    return response


def slug_filter(name, value, queryset, field="slug"):
    if value and not queryset.filter(**{field: value}).exists():
        raise invalid(name, f"unknown value {value!r}")
    return value


# --- Public ----------------------------------------------------------------------------------

public = Router(tags=["public"])


def event_summary(request, event):
    places_taken = getattr(event, "places_taken", None)
    seats_left = None if event.capacity is None or places_taken is None else max(event.capacity - places_taken, 0)
    return {
        "slug": event.slug,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "kind": event.kind,
        "status": event.status,
        "title": event.title,
        "title_en": event.title_en,
        "summary": event.summary,
        "summary_en": event.summary_en,
        "start": event.start,
        "end": event.end,
        "registration_deadline": event.registration_deadline,
        "municipality": event.venue.municipality.name,
        "district": event.venue.municipality.district.slug,
        "topics": [topic.slug for topic in event.topics.all()],
        "costs": f"{event.costs:.2f}",
        "capacity": event.capacity,
        "seats_left": seats_left,
        "waiting_list": seats_left == 0 or bool(getattr(event, "places_waiting", 0)),
    }


def with_card_figures(queryset):
    for answer in hook_answers("event_card_annotations"):
        queryset = answer(queryset=queryset)
    return queryset


def filtered_events(params):
    events = Event.objects.listed().upcoming()
    if slug_filter("district", params.district, District.objects.all()):
        events = events.filter(venue__municipality__district__slug=params.district)
    if params.near:
        lookup = find_place(params.near)
        if lookup.place is None:
            hint = f"; did you mean {', '.join(lookup.suggestions)}?" if lookup.suggestions else ""
            raise invalid("near", f"unknown municipality{hint}")
        distances = distances_from(lookup.place, params.radius or 20)
        events = events.filter(venue__municipality_id__in=list(distances))
    elif params.radius is not None:
        raise invalid("radius", "only together with near")
    if params.date_from and params.date_to and params.date_from > params.date_to:
        raise invalid("to", "before from")
    if params.date_from:
        events = events.filter(end__date__gte=params.date_from)
    if params.date_to:
        events = events.filter(start__date__lte=params.date_to)
    if params.kind:
        events = events.filter(kind=params.kind)
    if slug_filter("topic", params.topic, Topic.objects.all()):
        events = events.filter(id__in=Event.topics.through.objects.filter(topic__slug=params.topic).values("event"))
    if slug_filter("target_group", params.target_group, TargetGroup.objects.all()):
        through = Event.target_groups.through.objects.filter(targetgroup__slug=params.target_group)
        events = events.filter(id__in=through.values("event"))
    if slug_filter("language", params.language, Language.objects.all(), field="code"):
        through = Event.languages.through.objects.filter(language__code=params.language)
        events = events.filter(id__in=through.values("event"))
    for word in fold(params.q or "").split()[:8]:
        events = events.filter(search_text__contains=word)
    return events


@public.get("/events", response={200: schemas.EventPage, **PROBLEMS}, summary="Upcoming events (the catalogue)")
def event_list(request, params: Query[schemas.EventParams]):
    """Published and cancelled upcoming offers, soonest first, with the catalogue's filters."""
    reject_unknown(request, params)
    events = filtered_events(params)
    count = events.count()
    events = with_card_figures(events.for_cards()).order_by("start", "id")
    data = paged(request, params, events, count, lambda event: event_summary(request, event))
    return public_json(request, schemas.EventPage, data)


@public.get("/events/{slug}", response={200: schemas.EventDetail, **PROBLEMS}, summary="One event")
def event_detail(request, slug: str):
    """Everything the event's page shows: agenda, venue, seats left, whether registering is open."""
    if request.GET:
        raise invalid(next(iter(request.GET)), "unknown parameter")
    queryset = (
        Event.objects.public()
        .select_related("venue__municipality__district", "course")
        .prefetch_related("topics", "target_groups", "languages", "partners", "agenda", "modules")
    )
    event = get_object_or_404(with_card_figures(queryset), slug=slug)
    data = event_summary(request, event)
    places = places_for(bookable_events(event))
    if event.is_cancelled:
        state = "cancelled"
    elif event.course_id:
        state = "module"
    elif closed_reason(event):
        state = "closed"
    else:
        state = "waiting_list" if any(p.full for p in places) else "open"
    venue = event.venue
    data.update(
        description=event.description,
        description_en=event.description_en,
        attendance_mode=event.attendance_mode,
        costs_note=event.costs_note,
        catering=event.catering,
        target_groups=[group.slug for group in event.target_groups.all()],
        languages=[language.code for language in event.languages.all()],
        partners=[partner.name for partner in event.partners.all()],
        venue={
            "name": venue.name,
            "street": venue.street,
            "postal_code": venue.postal_code,
            "municipality": venue.municipality.name,
            "municipality_ars": venue.municipality.ars,
            "district": venue.municipality.district.slug,
            "lat": venue.municipality.lat,
            "lon": venue.municipality.lon,
            "accessibility": venue.accessibility,
            "public_transport": venue.public_transport,
        },
        agenda=[{"time": item.time, "title": item.title, "title_en": item.title_en} for item in event.agenda.all()],
        modules=[
            {"slug": module.slug, "title": module.title, "start": module.start, "end": module.end}
            for module in sorted(event.modules.all(), key=lambda m: (m.start, m.pk))
        ],
        registration=state,
        course=event.course.slug if event.course_id else None,
    )
    if not event.course_id and event.capacity is not None and len(places) == 1:
        data["seats_left"] = places[0].left
        data["waiting_list"] = places[0].full
    return public_json(request, schemas.EventDetail, data)


def district_data(district):
    return {
        "slug": district.slug,
        "name": district.name,
        "short_name": district.short_name,
        "ars": district.ars,
        "kind": district.kind,
    }


@public.get("/districts", response={200: schemas.DistrictPage, **PROBLEMS}, summary="Saxony's 13 districts")
def district_list(request, params: Query[schemas.PageParams]):
    reject_unknown(request, params)
    districts = District.objects.order_by("short_name")
    data = paged(request, params, districts, districts.count(), district_data)
    return public_json(request, schemas.DistrictPage, data)


@public.get("/municipalities", response={200: schemas.MunicipalityPage, **PROBLEMS}, summary="Municipalities")
def municipality_list(request, params: Query[schemas.MunicipalityParams]):
    reject_unknown(request, params)
    municipalities = Municipality.objects.select_related("district").order_by("name", "id")
    if slug_filter("district", params.district, District.objects.all()):
        municipalities = municipalities.filter(district__slug=params.district)
    if params.q:
        municipalities = municipalities.filter(name__istartswith=params.q.strip())
    data = paged(
        request,
        params,
        municipalities,
        municipalities.count(),
        lambda m: {"ars": m.ars, "name": m.name, "district": m.district.slug, "lat": m.lat, "lon": m.lon},
    )
    return public_json(request, schemas.MunicipalityPage, data)


@public.get("/initiatives", response={200: schemas.InitiativePage, **PROBLEMS}, summary="Initiatives")
def initiative_list(request, params: Query[schemas.InitiativeParams]):
    """Approved initiatives, by name; their contact goes through the form on their page (no addresses here)."""
    reject_unknown(request, params)
    initiatives = Initiative.objects.approved().for_cards().order_by("name", "id")
    if slug_filter("district", params.district, District.objects.all()):
        initiatives = initiatives.filter(municipality__district__slug=params.district)
    for word in fold(params.q or "").split()[:8]:
        initiatives = initiatives.filter(search_text__contains=word)

    def serialize(initiative):
        return {
            "slug": initiative.slug,
            "url": request.build_absolute_uri(initiative.get_absolute_url()),
            "name": initiative.name,
            "kind": initiative.kind,
            "focus": initiative.focus,
            "description": initiative.description,
            "how_to_join": initiative.how_to_join,
            "meeting_times": initiative.meeting_times,
            "website": initiative.website,
            "municipality": initiative.municipality.name,
            "municipality_ars": initiative.municipality.ars,
            "district": initiative.municipality.district.slug,
        }

    data = paged(request, params, initiatives, initiatives.count(), serialize)
    return public_json(request, schemas.InitiativePage, data)


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


api.add_router("/", public)
api.add_router("/team/", team)
for answer in announce("api_routers"):
    for prefix, router in answer:
        api.add_router(prefix, router)
