import json
import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from events.models import AgendaItem, Event, Material
from events.testing import make_event, make_language, make_partner, make_target_group, make_topic

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def jsonld(body):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


@pytest.fixture
def event():
    event = make_event(
        title="Unterstützer_innenschulung Pirna",
        place="Pirna",
        topics=[make_topic()],
        target_groups=[make_target_group()],
        languages=[make_language(), make_language("ar", "Arabisch", "Arabic")],
        partners=[make_partner(), make_partner("Arbeitskreis Asyl Pirna")],
        catering="Mittagsimbiss",
    )
    AgendaItem.objects.create(event=event, time=time(10, 0), title="Ankommen und Anmeldung", position=0)
    AgendaItem.objects.create(event=event, time=time(10, 15), title="Begrüßung", position=1)
    return event


def test_event_page_shows_everything_a_volunteer_needs(event):
    body = Client().get(event.get_absolute_url()).content.decode()
    for text in [
        "Unterstützer_innenschulung Pirna",
        "Bürgerhaus Pirna",
        "Markt 1",
        "01796 Pirna",
        "Landkreis Sächsische Schweiz-Osterzgebirge",
        "kostenfrei",
        "Mittagsimbiss",
        "20 Plätze",
        "Asylverfahren",
        "Ehrenamtliche",
        "Arabisch",
        "Ankommen und Anmeldung",
        "Ebenerdiger Eingang.",
        "S1 bis Bahnhof.",
        "Arbeitskreis Asyl Pirna",
        "Sächsischer Flüchtlingsrat e.V.",
        "team@example.org",
        "Anmeldeschluss",
        "© GeoBasis-DE / BKG 2021 (Daten verändert)",
        "kalender.ics",
    ]:
        assert text in body, text
    assert "<strong>Möglichkeiten</strong>" in body  # Markdown rendered


def test_markdown_description_is_sanitised():
    event = make_event(description='Hallo <script>alert("x")</script> [link](javascript:alert(1)) <b onclick="x">b</b>')
    body = Client().get(event.get_absolute_url()).content.decode()
    assert "<script>alert" not in body
    assert "javascript:alert" not in body
    assert "onclick" not in body


def test_jsonld_describes_the_event_for_search_engines(event):
    data = jsonld(Client().get(event.get_absolute_url()).content.decode())
    assert data["@type"] == "Event"
    assert data["name"] == event.title
    assert data["startDate"].startswith(event.start.isoformat()[:10])
    assert data["endDate"]
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert data["location"]["@type"] == "Place"
    assert data["location"]["address"]["@type"] == "PostalAddress"
    assert data["location"]["address"]["addressLocality"] == "Pirna"
    assert data["organizer"]["name"] == "Kulturbüro Sachsen e.V."
    assert data["offers"]["price"] == "0.00"
    assert data["offers"]["availability"].startswith("https://schema.org/")
    assert data["description"]


def test_jsonld_cannot_be_broken_out_of_by_a_title():
    event = make_event(title="</script><script>alert(1)</script>")
    body = Client().get(event.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in body
    assert jsonld(body)["name"] == "</script><script>alert(1)</script>"


def test_cancelled_event_is_marked_and_jsonld_says_so():
    event = make_event(status=Event.Status.CANCELLED)
    body = Client().get(event.get_absolute_url()).content.decode()
    assert "Dieses Angebot wurde abgesagt." in body
    assert jsonld(body)["eventStatus"] == "https://schema.org/EventCancelled"


def test_draft_and_unknown_events_give_a_friendly_404_in_the_users_language():
    draft = make_event(status=Event.Status.DRAFT)
    response = Client().get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()
    english = Client().get("/en/veranstaltungen/gibt-es-nicht/")
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()


def test_material_download(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    event = make_event()
    material = Material(event=event, title="Ablauf als PDF")
    material.file.save("ablauf.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    body = Client().get(event.get_absolute_url()).content.decode()
    assert "Ablauf als PDF" in body
    response = Client().get(material.get_absolute_url())
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    assert "attachment" in response["Content-Disposition"]


def test_course_page_lists_modules_and_module_links_back():
    course = make_event(title="Fortbildung", kind=Event.Kind.COURSE)
    module = make_event(title="Modul 2: Beraten", kind=Event.Kind.COURSE, course=course)
    assert "Modul 2: Beraten" in Client().get(course.get_absolute_url()).content.decode()
    assert "Modul der Fortbildung „Fortbildung“" in Client().get(module.get_absolute_url()).content.decode()


def _availability(event):
    return jsonld(Client().get(event.get_absolute_url()).content.decode())["offers"].get("availability")


def test_jsonld_availability_follows_the_places_left():
    from registrations.tests.helpers import register

    roomy = make_event(capacity=20)
    assert _availability(roomy) == "https://schema.org/InStock"
    unlimited = make_event(capacity=None)
    assert _availability(unlimited) == "https://schema.org/InStock"

    few = make_event(capacity=7)
    register(few)
    register(few)
    assert _availability(few) == "https://schema.org/LimitedAvailability"

    full = make_event(capacity=2)
    register(full)
    register(full)
    assert _availability(full) == "https://schema.org/SoldOut"
    register(full)  # the waiting list is open, but there is no seat to sell
    assert _availability(full) == "https://schema.org/SoldOut"


def test_jsonld_offers_no_availability_where_nobody_can_book():
    past = make_event(days_ahead=-3, status=Event.Status.HELD)
    cancelled = make_event(status=Event.Status.CANCELLED)
    deadline_passed = make_event(days_ahead=2, registration_deadline=timezone.now() - timedelta(hours=1))
    for event in (past, cancelled, deadline_passed):
        offers = jsonld(Client().get(event.get_absolute_url()).content.decode())["offers"]
        assert "availability" not in offers, event
        assert offers["price"] == "0.00"


def test_jsonld_times_are_local_with_their_offset():
    berlin = ZoneInfo("Europe/Berlin")
    winter = make_event(
        start=datetime(2027, 2, 27, 10, tzinfo=berlin),
        end=datetime(2027, 2, 27, 17, tzinfo=berlin),
        registration_deadline=datetime(2027, 2, 23, 23, 59, tzinfo=berlin),
    )
    data = jsonld(Client().get(winter.get_absolute_url()).content.decode())
    assert (data["startDate"], data["endDate"]) == ("2027-02-27T10:00:00+01:00", "2027-02-27T17:00:00+01:00")
    summer = make_event(
        start=datetime(2027, 7, 3, 9, 30, tzinfo=berlin),
        end=datetime(2027, 7, 3, 16, tzinfo=berlin),
        registration_deadline=datetime(2027, 6, 30, 12, tzinfo=berlin),
    )
    data = jsonld(Client().get(summer.get_absolute_url()).content.decode())
    assert data["startDate"] == "2027-07-03T09:30:00+02:00"


def test_jsonld_on_english_pages_uses_the_english_texts():
    url = make_event(
        title="Schulung in Pirna", title_en="Training in Pirna", summary_en="The basics."
    ).get_absolute_url()
    data = jsonld(Client().get("/en" + url).content.decode())
    assert (data["name"], data["description"]) == ("Training in Pirna", "The basics.")
    assert jsonld(Client().get(url).content.decode())["name"] == "Schulung in Pirna"
