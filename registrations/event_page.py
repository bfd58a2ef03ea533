"""What registrations adds to an event's public page and cards (answers to hooks of core.registry)."""

from django.template.loader import render_to_string

from events.jsonld import offer_availability
from registrations.queries import bookable_events, places_for, with_places
from registrations.services import closed_reason


def box(*, event):
    """Answer to `event_page_box`: seats left (per module for a course) or the waiting list, and the
    way to the form: one query."""
    if event.course_id:
        context = {"event": event, "module_of": event.course}
    else:
        places = places_for(bookable_events(event))
        context = {
            "event": event,
            "places": places,
            "closed": closed_reason(event),
            "full": any(p.full for p in places),
            "series": len(places) > 1 or places[0].event.pk != event.pk,
        }
    return render_to_string("registrations/_event_box.html", context)


def availability(*, event):
    """Answer to `event_availability`: the schema.org availability of the event's places."""
    return offer_availability(places_for(bookable_events(event)), closed=closed_reason(event) is not None)


def card_figures(*, queryset):
    """Answer to `event_card_annotations`: places_taken and places_waiting for the cards."""
    return with_places(queryset)
