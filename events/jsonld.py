"""schema.org Event data for event pages, so search engines understand an offer."""

import json

from django.conf import settings

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


def event_data(event, *, url, availability="https://schema.org/InStock"):
    venue = event.venue
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "startDate": event.start.isoformat(),
        "endDate": event.end.isoformat(),
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
        "offers": {
            "@type": "Offer",
            "price": f"{event.costs:.2f}",
            "priceCurrency": "EUR",
            "availability": availability,
            "url": url,
        },
    }


def as_script_body(data):
    """JSON safe to place inside a <script type="application/ld+json"> element."""
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
