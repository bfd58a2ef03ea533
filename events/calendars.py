"""iCalendar (RFC 5545) files for one event or any filtered list."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as VEvent

PRODID = "-//Kulturbuero Sachsen//Support fuer Initiative//DE"


def _location(event):
    venue = event.venue
    return f"{venue.name}, {venue.street}, {venue.postal_code} {venue.municipality.name}"


def to_vevent(event):
    vevent = VEvent()
    vevent.add("uid", f"event-{event.pk}@{settings.SITE_URL.split('://', 1)[-1]}")
    vevent.add("dtstamp", timezone.now())
    vevent.add("dtstart", timezone.localtime(event.start))
    vevent.add("dtend", timezone.localtime(event.end))
    title, summary = event.localized_title, event.localized_summary
    # A German fallback in an English calendar says so (RFC 5545 LANGUAGE), as lang="de" does on pages.
    vevent.add("summary", title, parameters={"LANGUAGE": title.lang} if title.lang else None)
    vevent.add(
        "description",
        f"{summary}\n\n{settings.SITE_URL}{event.get_absolute_url()}",
        parameters={"LANGUAGE": summary.lang} if summary.lang else None,
    )
    vevent.add("location", _location(event))
    vevent.add("url", f"{settings.SITE_URL}{event.get_absolute_url()}")
    vevent.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    vevent.add("last-modified", event.updated_at)
    organizer = vCalAddress(f"mailto:{event.contact.email}")
    organizer.params["cn"] = vText(settings.ORGANISER_NAME)
    vevent.add("organizer", organizer)
    return vevent


def calendar_bytes(events, *, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        calendar.add_component(to_vevent(event))
    calendar.add_missing_timezones()
    return calendar.to_ical()
