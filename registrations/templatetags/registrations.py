from django import template

from registrations.queries import bookable_events, places_for
from registrations.services import closed_reason

register = template.Library()


@register.inclusion_tag("registrations/_event_box.html")
def registration_box(event):
    """Seats left (per module for a course) or the waiting list, and the way to the form: one query."""
    if event.course_id:
        return {"event": event, "module_of": event.course}
    places = places_for(bookable_events(event))
    return {
        "event": event,
        "places": places,
        "closed": closed_reason(event),
        "full": any(p.full for p in places),
        "series": len(places) > 1 or places[0].event.pk != event.pk,
    }
