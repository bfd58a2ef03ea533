"""The public programme and its feeds: frab XML valid against the published XSD, JSON, iCalendar."""

import json
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from lxml import etree

from conferences.models import Session, Speaker
from conferences.testing import make_conference, workshops

pytestmark = pytest.mark.django_db

XSD = Path(__file__).resolve().parents[1] / "data" / "schedule.xml.xsd"


def test_schedule_xml_is_valid_against_the_frab_schema(client):
    conference = make_conference(slots=3, workshops=4)
    response = client.get(f"/veranstaltungen/{conference.event.slug}/programm/schedule.xml")
    assert response.status_code == 200
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    document = etree.fromstring(response.content)
    schema.assertValid(document)
    events = document.findall("day/room/event")
    assert len(events) == 13  # opening + 3 × 4 workshops
    assert {e.findtext("title") for e in events} >= {"Begrüßung und Eröffnung", "Workshop 2.3"}
    assert document.find("day/room/event/persons/person") is not None


def test_schedule_json_has_the_same_sessions(client):
    conference = make_conference(slots=2, workshops=2)
    response = client.get(f"/veranstaltungen/{conference.event.slug}/programm/schedule.json")
    data = json.loads(response.content)
    day = data["schedule"]["conference"]["days"][0]
    titles = {event["title"] for events in day["rooms"].values() for event in events}
    assert titles == {"Begrüßung und Eröffnung", "Workshop 1.1", "Workshop 1.2", "Workshop 2.1", "Workshop 2.2"}


def test_ics_for_the_whole_programme_and_one_session(client):
    conference = make_conference(slots=1, workshops=2)
    slug = conference.event.slug
    calendar = Calendar.from_ical(client.get(f"/veranstaltungen/{slug}/programm/programm.ics").content)
    assert sorted(str(e["summary"]) for e in calendar.walk("VEVENT")) == [
        "Begrüßung und Eröffnung",
        "Workshop 1.1",
        "Workshop 1.2",
    ]
    session = workshops(conference)[0][1]
    one = Calendar.from_ical(client.get(f"/veranstaltungen/{slug}/programm/{session.guid}.ics").content)
    (vevent,) = one.walk("VEVENT")
    assert str(vevent["summary"]) == "Workshop 1.2"
    assert "Raum 2" in str(vevent["location"])
    assert vevent.decoded("dtstart") == session.slot.start


def test_programme_page_shows_sessions_and_only_bios_people_agreed_to(client):
    conference = make_conference(slots=1, workshops=2)
    session = workshops(conference)[0][0]
    shy = Speaker.objects.create(conference=conference, name="Kim Beispiel", bio="Geheime Biografie", bio_public=False)
    open_ = Speaker.objects.create(conference=conference, name="Ada Muster", bio="Beraterin in Pirna", bio_public=True)
    session.speakers.add(shy, open_)
    html = client.get(f"/veranstaltungen/{conference.event.slug}/programm/").content.decode()
    assert "Workshop 1.1" in html and "Kim Beispiel" in html
    assert "Beraterin in Pirna" in html
    assert "Geheime Biografie" not in html


def test_english_programme_falls_back_to_german_titles_marked(client):
    conference = make_conference(slots=1, workshops=1)
    Session.objects.filter(title="Workshop 1.1").update(title_en="Workshop one")
    html = client.get(f"/en/veranstaltungen/{conference.event.slug}/programm/").content.decode()
    assert "Workshop one" in html
    assert 'lang="de">Begrüßung und Eröffnung' in html


def test_unpublished_programme_is_not_public(client):
    conference = make_conference(published=False)
    for tail in ("", "schedule.xml", "schedule.json", "programm.ics"):
        assert client.get(f"/veranstaltungen/{conference.event.slug}/programm/{tail}").status_code == 404


def test_programme_page_query_count_does_not_grow(client):
    small = make_conference(slots=1, workshops=1)
    large = make_conference(slots=3, workshops=4)
    counts = []
    for conference in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/veranstaltungen/{conference.event.slug}/programm/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
