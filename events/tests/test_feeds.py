import feedparser
import pytest
from django.test import Client
from icalendar import Calendar

from events.models import Event
from sfi.testing import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def parse_ics(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_ics_is_valid_rfc5545_with_times_in_berlin():
    event = make_event(title="Schulung Bautzen", place="Bautzen")
    calendar = parse_ics(Client().get(f"/veranstaltungen/{event.slug}/kalender.ics"))
    vevents = calendar.walk("VEVENT")
    assert len(vevents) == 1
    vevent = vevents[0]
    assert str(vevent["SUMMARY"]) == "Schulung Bautzen"
    assert vevent.decoded("DTSTART") == event.start
    assert vevent.decoded("DTEND") == event.end
    assert "Bautzen" in str(vevent["LOCATION"])
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert calendar.walk("VTIMEZONE"), "times carry their time zone definition"
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]


def test_catalogue_ics_takes_the_same_filters_as_the_page():
    make_event(title="In Bautzen", place="Bautzen")
    make_event(title="In Pirna", place="Pirna")
    make_event(title="Entwurf", place="Bautzen", status=Event.Status.DRAFT)
    calendar = parse_ics(Client().get("/veranstaltungen/kalender.ics", {"kreis": "bautzen"}))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["In Bautzen"]
    everything = parse_ics(Client().get("/veranstaltungen/kalender.ics"))
    assert {str(v["SUMMARY"]) for v in everything.walk("VEVENT")} == {"In Bautzen", "In Pirna"}


def test_cancelled_event_is_cancelled_in_the_calendar():
    event = make_event(status=Event.Status.CANCELLED)
    vevent = parse_ics(Client().get(f"/veranstaltungen/{event.slug}/kalender.ics")).walk("VEVENT")[0]
    assert str(vevent["STATUS"]) == "CANCELLED"


def test_atom_feed_parses_and_follows_filters():
    make_event(title="Vernetzungstreffen Görlitz", place="Görlitz", kind=Event.Kind.NETWORK)
    make_event(title="Schulung Pirna", place="Pirna")
    feed = feedparser.parse(Client().get("/veranstaltungen/feed.atom", {"art": "vernetzung"}).content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title.split(" (")[0] for entry in feed.entries] == ["Vernetzungstreffen Görlitz"]
    slug = Event.objects.get(title="Vernetzungstreffen Görlitz").slug
    assert feed.entries[0].link.endswith(f"/veranstaltungen/{slug}/")


def test_pages_link_to_their_feeds():
    body = Client().get("/veranstaltungen/?kreis=bautzen").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in body
    assert 'type="text/calendar"' in body
    assert "/veranstaltungen/feed.atom?kreis=bautzen" in body
