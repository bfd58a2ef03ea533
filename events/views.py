from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe
from django.views.decorators.vary import vary_on_headers

from core.paging import page_with_note
from core.public_cache import public_page
from core.registry import announce, hook_answers
from events.calendars import calendar_bytes
from events.filters import RADIUS_CHOICES, read_filters
from events.jsonld import as_script_body, event_data
from events.models import Event, Material
from events.queries import offers_map, public_event

PAGE_SIZE = 20
FEED_LIMIT = 200


def with_card_figures(queryset):
    """Figures the apps add to the cards (registrations: places_taken, places_waiting), in the same query."""
    for answer in hook_answers("event_card_annotations"):
        queryset = answer(queryset=queryset)
    return queryset


def _listing(request, *, past):
    query = read_filters(request.GET)
    base = Event.objects.listed()
    base = base.past() if past else base.upcoming()
    events = with_card_figures(query.filter(base).for_cards())
    events = events.order_by("-start", "-id") if past else events.order_by("start", "id")
    page, page_note = page_with_note(request, events, PAGE_SIZE)
    for event in page.object_list:
        if query.distances is not None:
            event.distance_km = round(query.distances.get(event.venue.municipality_id, 0))
    notes = query.notes + ([page_note] if page_note else [])
    context = {"query": query, "page": page, "notes": notes, "past": past}
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return render(request, "events/_results.html", context)
    context["radius_choices"] = RADIUS_CHOICES
    return render(request, "events/catalogue.html", context)


@require_safe
@vary_on_headers("HX-Request")
@public_page
def catalogue(request):
    return _listing(request, past=False)


@require_safe
@vary_on_headers("HX-Request")
@public_page
def archive(request):
    return _listing(request, past=True)


@require_safe
@public_page
def detail(request, slug):
    event = public_event(slug)
    url = request.build_absolute_uri(event.get_absolute_url())
    municipality = event.venue.municipality
    availability = next(iter(announce("event_availability", event=event)), None)
    context = {
        "event": event,
        "jsonld": as_script_body(event_data(event, url=url, availability=availability)),
        "map": offers_map(
            current_ars=municipality.district.ars,
            points=[(municipality.lat, municipality.lon, municipality.name, "")],
        ),
    }
    return render(request, "events/detail.html", context)


@require_safe
def material(request, slug, pk):
    item = get_object_or_404(Material.objects.select_related("event"), pk=pk, event__slug=slug)
    if item.event.status == Event.Status.DRAFT:
        raise Http404
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=item.filename)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request, slug):
    event = public_event(slug)
    return _ics_response(calendar_bytes([event], name=event.localized_title), f"{event.slug}.ics")


@require_safe
def catalogue_ics(request):
    query = read_filters(request.GET)
    events = (
        query.filter(Event.objects.listed().upcoming())
        .select_related("venue__municipality", "contact")
        .order_by("start", "id")[:FEED_LIMIT]
    )
    return _ics_response(calendar_bytes(events, name=settings.PROJECT_NAME), "support-fuer-initiative.ics")


@require_safe
@public_page
def offers_map_page(request):
    return render(request, "events/map.html", {"map": offers_map()})


@require_safe
@public_page
def home(request):
    upcoming = with_card_figures(
        Event.objects.listed().upcoming().filter(status=Event.Status.PUBLISHED).for_cards()
    ).order_by("start", "id")[:6]
    return render(request, "events/home.html", {"events": upcoming, "map": offers_map(), "kinds": Event.Kind})
