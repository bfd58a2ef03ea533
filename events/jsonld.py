"""schema.org Event data for event pages, so search engines understand an offer."""

import json

from django.conf import settings
from django.utils import timezone

from events.models import Event

_STATUS = {
    Event.Status.CANCELLED: "https://schema.org/EventCancelled",
}
_MODE = {
    Event.AttendanceMode.OFFLINE: "https://schema.org/OfflineEventAttendanceMode",
    Event.AttendanceMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Event.AttendanceMode.MIXED: "https://schema.org/MixedEventAttendanceMode",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
SCHEMA = "https://schema.org/"
# "Only a few places left": search engines show LimitedAvailability as such, so keep it for truly few.
FEW_PLACES = 5


def offer_availability(places, *, closed):
    """The schema.org availability of the places (registrations.queries.Places per bookable event).

    None where nobody can book any more (started, past, cancelled, deadline passed): schema.org has
    no value for that, and "InStock" would be false. A place on the waiting list is no seat: a full
    event is SoldOut even when people may still join the list."""
    if closed:
        return None
    if any(p.full for p in places):
        return f"{SCHEMA}SoldOut"
    left = [p.left for p in places if p.left is not None]
    if left and min(left) <= FEW_PLACES:
        return f"{SCHEMA}LimitedAvailability"
    return f"{SCHEMA}InStock"


def _local(moment):
    """ISO 8601 in Saxony's local time with its offset (2027-02-27T10:00:00+01:00), as people read it."""
    return timezone.localtime(moment).isoformat()


def event_data(event, *, url, availability):
    venue = event.venue
    offer = {"@type": "Offer", "price": f"{event.costs:.2f}", "priceCurrency": "EUR", "url": url}
    if availability:
        offer["availability"] = availability
        if event.registration_deadline:
            offer["validThrough"] = _local(event.registration_deadline)
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.localized_title,
        "description": event.localized_summary,
        "startDate": _local(event.start),
        "endDate": _local(event.end),
        "eventStatus": _STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": _MODE[event.attendance_mode],
        "url": url,
        "inLanguage": [lang.code for lang in event.languages.all()] or ["de"],
        "location": {
            "@type": "Place",
            "name": venue.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": venue.street,
                "postalCode": venue.postal_code,
                "addressLocality": venue.municipality.name,
                "addressRegion": "Sachsen",
                "addressCountry": "DE",
            },
        },
        "organizer": {"@type": "Organization", "name": settings.ORGANISER_NAME, "url": settings.ORGANISER_URL},
        "offers": offer,
    }


def as_script_body(data):
    """JSON safe to place inside a <script type="application/ld+json"> element."""
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
