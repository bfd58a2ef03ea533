import feedparser
import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import resolve
from icalendar import Calendar

from events.feeds import FEED_LIMIT
from events.models import Event
from events.testing import make_event

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


def _titles(feed_xml):
    feed = feedparser.parse(feed_xml)
    assert not feed.bozo, feed.bozo_exception
    return [entry.title.split(" (")[0] for entry in feed.entries]


def test_two_requests_interleaved_on_the_shared_feed_object_keep_their_own_filters():
    """The URL pattern holds one feed object for every request. Django's Feed.__call__ runs
    get_object and then get_feed; two requests on two threads can interleave between them."""
    make_event(title="Vernetzungstreffen Görlitz", place="Görlitz", kind=Event.Kind.NETWORK)
    make_event(title="Schulung Pirna", place="Pirna")
    shared = resolve("/veranstaltungen/feed.atom").func
    networks = RequestFactory().get("/veranstaltungen/feed.atom", {"art": "vernetzung"})
    trainings = RequestFactory().get("/veranstaltungen/feed.atom", {"art": "schulung"})

    networks_obj = shared.get_object(networks)
    trainings_obj = shared.get_object(trainings)  # the second request arrives before the first is written
    networks_feed = shared.get_feed(networks_obj, networks).writeString("utf-8")
    trainings_feed = shared.get_feed(trainings_obj, trainings).writeString("utf-8")

    assert _titles(networks_feed) == ["Vernetzungstreffen Görlitz"]
    assert _titles(trainings_feed) == ["Schulung Pirna"]


def test_a_filtered_feed_names_itself_with_its_filters():
    make_event(title="Schulung Pirna", place="Pirna")
    feed = feedparser.parse(Client().get("/veranstaltungen/feed.atom", {"art": "schulung", "kreis": "bautzen"}).content)
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"] == "http://testserver/veranstaltungen/feed.atom?kreis=bautzen&art=schulung"
    assert links["alternate"] == "http://testserver/veranstaltungen/?kreis=bautzen&art=schulung"
    plain = feedparser.parse(Client().get("/veranstaltungen/feed.atom").content)
    assert {link.rel: link.href for link in plain.feed.links}["self"] == "http://testserver/veranstaltungen/feed.atom"


def test_a_feed_that_leaves_offers_out_says_so_and_links_the_catalogue():
    for day in range(FEED_LIMIT + 2):
        make_event(title=f"Schulung {day}", days_ahead=2 + day)
    feed = feedparser.parse(Client().get("/veranstaltungen/feed.atom").content)
    assert len(feed.entries) == FEED_LIMIT
    subtitle = feed.feed.subtitle
    assert f"die nächsten {FEED_LIMIT} von {FEED_LIMIT + 2} Angeboten" in subtitle
    assert subtitle.endswith(f"alle finden Sie unter {settings.SITE_URL}/veranstaltungen/")

    narrow = feedparser.parse(Client().get("/veranstaltungen/feed.atom", {"q": "Schulung 1"}).content)
    assert len(narrow.entries) < FEED_LIMIT
    assert "von" not in narrow.feed.subtitle  # nothing left out, nothing to say


def test_the_english_feed_and_calendar_use_the_english_texts_and_mark_german_fallbacks():
    make_event(title="Schulung Pirna", title_en="Training in Pirna", summary_en="The basics.", days_ahead=3)
    make_event(title="Vernetzungstreffen Görlitz", place="Görlitz", days_ahead=4)
    body = Client().get("/en/veranstaltungen/feed.atom").content
    feed = feedparser.parse(body)
    assert [entry.title.split(" (")[0] for entry in feed.entries] == ["Training in Pirna", "Vernetzungstreffen Görlitz"]
    assert feed.entries[0].summary.startswith("The basics.")
    assert feed.feed.language == "en"
    assert [entry.title_detail.language for entry in feed.entries] == ["en", "de"]
    assert feed.feed.subtitle.startswith("Trainings")

    calendar = parse_ics(Client().get("/en/veranstaltungen/kalender.ics"))
    summaries = {str(v["SUMMARY"]): v["SUMMARY"].params.get("LANGUAGE") for v in calendar.walk("VEVENT")}
    assert summaries == {"Training in Pirna": None, "Vernetzungstreffen Görlitz": "de"}
