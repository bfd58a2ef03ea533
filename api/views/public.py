"""The public operations: no token; lists paged with counts and an ETag."""

from functools import cache

from django.shortcuts import get_object_or_404
from ninja import Query, Router

from api import schemas
from api.problems import invalid
from api.views.common import (
    PROBLEMS,
    Window,
    distances_near,
    no_parameters,
    paged,
    public_json,
    reject_unknown,
    slug_filter,
)
from core.registry import hook_answers
from core.text import fold
from events.models import Event, Language, TargetGroup, Topic
from network.models import Initiative
from regions.models import District, Municipality
from registrations.queries import bookable_events, places_for
from registrations.services import closed_reason

# --- Public ----------------------------------------------------------------------------------

public = Router(tags=["public"])


def event_summary(request, event):
    places_taken = getattr(event, "places_taken", None)
    topic_slugs = getattr(event, "topic_slugs", None)  # set by card_page
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
        "topics": topic_slugs if topic_slugs is not None else [topic.slug for topic in event.topics.all()],
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
    distances = distances_near(params, default_radius=20)
    if distances is not None:
        events = events.filter(venue__municipality_id__in=list(distances))
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


@cache
def card_base():
    """Events with the cards' figures (the hook `event_card_annotations`) and their places: built
    once, since the annotations are the same for every request; each page filters a clone."""
    return with_card_figures(Event.objects.select_related("venue__municipality__district"))


def card_page(ids):
    """The events with these ids for the cards, in their order, in two queries.

    The places are counted for the page's events only, and the topics come as slugs in one light
    query (no model instances: that prefetch cost more than the rest of the answer)."""
    page = list(card_base().filter(pk__in=ids).order_by("start", "id"))
    topics = {}
    through = Event.topics.through.objects.filter(event_id__in=ids)
    for event_id, slug in through.order_by("topic__name", "topic_id").values_list("event_id", "topic__slug"):
        topics.setdefault(event_id, []).append(slug)
    for event in page:
        event.topic_slugs = topics.get(event.pk, [])
    return page


@public.get("/events", response={200: schemas.EventPage, **PROBLEMS}, summary="Upcoming events (the catalogue)")
def event_list(request, params: Query[schemas.EventParams]):
    """Published and cancelled upcoming offers, soonest first, with the catalogue's filters."""
    reject_unknown(request, params)
    # The ids of every match, soonest first: their number is the count, a slice of them the page
    # (cheaper than a COUNT and a sorted page of whole rows with their descriptions).
    ids = list(filtered_events(params).order_by("start", "id").values_list("pk", flat=True))
    page = Window(lambda window: card_page(ids[window]))
    data = paged(request, params, page, len(ids), lambda event: event_summary(request, event))
    return public_json(request, schemas.EventPage, data)


@public.get("/events/{slug}", response={200: schemas.EventDetail, **PROBLEMS}, summary="One event")
def event_detail(request, slug: str):
    """Everything the event's page shows: agenda, venue, seats left, whether registering is open."""
    no_parameters(request)
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
