"""The programme in the formats conference apps read: frab schedule XML (validated against the
published XSD in the tests, `conferences/data/schedule.xml.xsd`), its JSON twin, and iCalendar."""

import json
from xml.etree.ElementTree import Element, SubElement, tostring

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from conferences.queries import days
from events.calendars import PRODID


def _duration(session):
    minutes = int((session.slot.end - session.slot.start).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _persons(session):
    return [{"id": s.pk, "public_name": s.name} for s in session.speakers.all()]


def _url(conference):
    return f"{settings.SITE_URL}{conference.event.get_absolute_url()}programm/"


def _rows(conference, sessions):
    """Day → room name → sessions, the shape of the frab schedule."""
    result = []
    for index, day in enumerate(days(sessions), start=1):
        items = [session for row in day.slots for session in row.sessions]
        rooms = {}
        for session in items:
            rooms.setdefault(session.room.name if session.room_id else conference.event.venue.name, []).append(session)
        start = min(timezone.localtime(s.slot.start) for s in items)
        end = max(timezone.localtime(s.slot.end) for s in items)
        result.append((index, day.date, start, end, rooms))
    return result


def _event_fields(conference, session):
    start = timezone.localtime(session.slot.start)
    return {
        "id": session.pk,
        "guid": str(session.guid),
        "room": session.room.name if session.room_id else conference.event.venue.name,
        "title": str(session.localized_title),
        "subtitle": "",
        "type": session.kind,
        "date": start.isoformat(),
        "start": f"{start:%H:%M}",
        "duration": _duration(session),
        "abstract": str(session.localized_abstract),
        "slug": f"{conference.acronym}-{session.pk}",
        "track": session.get_kind_display(),
        "language": "de",
        "url": f"{_url(conference)}#session-{session.pk}",
    }


def _head(conference, sessions):
    event = conference.event
    local_days = sorted({timezone.localtime(s.slot.start).date() for s in sessions})
    return {
        "title": str(event.localized_title),
        "acronym": conference.acronym,
        "start": (local_days[0] if local_days else timezone.localtime(event.start).date()).isoformat(),
        "end": (local_days[-1] if local_days else timezone.localtime(event.end).date()).isoformat(),
        "days": len(local_days),
        "time_zone_name": settings.TIME_ZONE,
        "base_url": _url(conference),
    }


def schedule_xml(conference, sessions):
    root = Element("schedule")
    SubElement(root, "generator", name="Support für Initiative", version="1")
    SubElement(root, "version").text = str(conference.version)
    head = SubElement(root, "conference")
    for name, value in _head(conference, sessions).items():
        SubElement(head, name).text = str(value)
    for index, date, start, end, rooms in _rows(conference, sessions):
        day = SubElement(
            root, "day", index=str(index), date=date.isoformat(), start=start.isoformat(), end=end.isoformat()
        )
        for room_name, items in rooms.items():
            room = SubElement(day, "room", name=room_name)
            for session in items:
                fields = _event_fields(conference, session)
                node = SubElement(room, "event", id=str(fields.pop("id")), guid=fields.pop("guid"))
                for name, value in fields.items():
                    SubElement(node, name).text = value
                persons = SubElement(node, "persons")
                for person in _persons(session):
                    SubElement(persons, "person", id=str(person["id"])).text = person["public_name"]
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="utf-8")


def schedule_json(conference, sessions):
    conference_data = _head(conference, sessions)
    conference_data["days"] = [
        {
            "index": index,
            "date": date.isoformat(),
            "day_start": start.isoformat(),
            "day_end": end.isoformat(),
            "rooms": {
                name: [{**_event_fields(conference, s), "persons": _persons(s)} for s in items]
                for name, items in rooms.items()
            },
        }
        for index, date, start, end, rooms in _rows(conference, sessions)
    ]
    data = {
        "schedule": {"version": str(conference.version), "base_url": _url(conference), "conference": conference_data}
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def calendar_bytes(conference, sessions, *, name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("://", 1)[-1]
    venue = conference.event.venue
    for session in sessions:
        vevent = VEvent()
        vevent.add("uid", f"session-{session.guid}@{host}")
        vevent.add("dtstamp", timezone.now())
        vevent.add("dtstart", timezone.localtime(session.slot.start))
        vevent.add("dtend", timezone.localtime(session.slot.end))
        title = session.localized_title
        vevent.add("summary", str(title), parameters={"LANGUAGE": title.lang} if title.lang else None)
        vevent.add("description", f"{session.localized_abstract}\n\n{_url(conference)}#session-{session.pk}".strip())
        room = f"{session.room.name}, " if session.room_id else ""
        vevent.add("location", f"{room}{venue.name}, {venue.street}, {venue.postal_code} {venue.municipality.name}")
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return calendar.to_ical()
