"""Name badges: printed name and pronouns as asked, roles, QR code that opens the person's check-in,
print all / one / only new; workshop attendance on the certificate; badge data in privacy rules."""

import io

import pytest
import segno
from django.urls import reverse
from pypdf import PdfReader

from audit.models import Entry
from conferences import services
from conferences.badges import badge_token, check_in_url, rows
from conferences.models import Badge, Choice, Speaker
from conferences.personal_data import delete_badges_of_anonymised
from conferences.testing import make_conference, register_with_wishes, workshops
from documents.services import certificate_for
from registrations.models import Booking
from registrations.tests.helpers import form_data

pytestmark = pytest.mark.django_db


def pdf_text(content):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def people(conference):
    first = workshops(conference)[0][0]
    erika = register_with_wishes(conference, (first, None), name="Erika Beispiel")
    Badge.objects.create(registration=erika, name_style="first", pronouns="sie/ihr")
    jonas = register_with_wishes(conference, (first, None), name="Jonas Muster")
    return erika, jonas


def test_badge_form_fields_are_asked_and_stored(client, open_form):
    conference = make_conference(slots=1, workshops=1)
    session = workshops(conference)[0][0]
    data = {**form_data(), **open_form(conference.event), f"workshop_{session.slot_id}": session.pk}
    data.update(badge_name="first", badge_pronouns="sie/ihr")
    assert client.post(f"/veranstaltungen/{conference.event.slug}/anmelden/", data).status_code == 302
    badge = Badge.objects.get()
    assert (badge.name_style, badge.pronouns) == ("first", "sie/ihr")


def test_badges_show_the_name_as_wished_role_and_a_qr_code_for_check_in(client, team, login_as):
    conference = make_conference(slots=1, workshops=1)
    erika, jonas = people(conference)
    event = conference.event
    badge_rows = rows(event, conference)
    by_name = {row.name: row for row in badge_rows}
    assert set(by_name) >= {"Erika", "Jonas Muster", "Referent_in 1.1"}
    assert by_name["Erika"].pronouns == "sie/ihr" and by_name["Erika"].role == "Teilnehmer_in"
    assert by_name["Referent_in 1.1"].role == "Referent_in" and by_name["Referent_in 1.1"].qr == ""
    # The QR code holds exactly the check-in URL: a signed token, no name or address.
    url = check_in_url(event, erika)
    assert by_name["Erika"].qr == segno.make(url, error="m").svg_data_uri(scale=4, border=1)
    assert "Erika" not in url and "example.org" not in url
    login_as(team)
    response = client.post(
        f"/team/veranstaltungen/{event.pk}/programm/namensschilder/", {"scope": "all", "layout": "a6"}
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    for expected in (
        "Erika",
        "sie/ihr",
        "Jonas Muster",
        "Willkommensinitiative Meißen",
        "Referent_in",
        "TEILNEHMER_IN",
    ):
        assert expected.lower() in text.lower()
    assert "Erika Beispiel" not in text  # first name only, as she asked
    assert len(PdfReader(io.BytesIO(response.content)).pages) == len(badge_rows)
    assert Entry.objects.filter(action="conference.badges_printed").exists()


def test_eight_per_a4_and_only_new_and_one_person(client, team, login_as):
    conference = make_conference(slots=1, workshops=1)
    erika, jonas = people(conference)
    event = conference.event
    login_as(team)
    url = f"/team/veranstaltungen/{event.pk}/programm/namensschilder/"
    a4 = client.post(url, {"scope": "all", "layout": "a4"})
    assert len(PdfReader(io.BytesIO(a4.content)).pages) == 1  # 2 people + 1 speaker on one sheet
    late = register_with_wishes(conference, (workshops(conference)[0][0], None), name="Neu Dazu")
    new = pdf_text(client.post(url, {"scope": "new", "layout": "a6"}).content)
    assert "Neu Dazu" in new and "Jonas" not in new
    assert client.post(url, {"scope": "new", "layout": "a6"}).status_code == 302  # nothing new left
    one = pdf_text(client.post(url, {"scope": "one", "person": jonas.pk, "layout": "a6"}).content)
    assert "Jonas Muster" in one and "Neu Dazu" not in one
    assert Badge.objects.get(registration=late).printed_at is not None


def test_scanning_the_qr_code_opens_the_check_in_at_the_door_and_in_workshops(client, team, login_as):
    conference = make_conference(slots=1, workshops=1)
    erika, _jonas = people(conference)
    event = conference.event
    login_as(team)
    path = reverse("conferences_staff:badge_checkin", kwargs={"pk": event.pk, "token": badge_token(erika)})
    assert check_in_url(event, erika).endswith(path)
    page = client.get(path).content.decode()
    assert "Erika Beispiel" in page and "Workshop 1.1" in page
    client.post(path, {"action": "door"})
    assert Booking.objects.get(registration=erika).attended is True
    choice = Choice.objects.get(registration=erika)
    client.post(path, {"action": "workshop", "choice": choice.pk})
    choice.refresh_from_db()
    assert choice.checked_in_at is not None
    assert client.get(path[:-2] + "x/").status_code == 404  # a tampered token


def test_the_certificate_lists_the_workshops_attended(team):
    conference = make_conference(slots=2, workshops=1)
    (a,), (b,) = workshops(conference)
    person = register_with_wishes(conference, (a, None), (b, None), name="Erika Beispiel")
    services.check_in_from_badge(actor=team, registration=person)
    services.check_in(actor=team, choice=Choice.objects.get(registration=person, session=a), present=True)
    text = pdf_text(certificate_for(Booking.objects.get(registration=person)))
    assert "Besuchte Workshops" in text and "Workshop 1.1" in text and "Workshop 2.1" not in text


def test_badge_wishes_go_with_the_anonymised_registration():
    conference = make_conference(slots=1, workshops=1)
    erika, jonas = people(conference)
    erika.anonymised_at = erika.created_at
    erika.save(update_fields=["anonymised_at"])
    assert delete_badges_of_anonymised(now=None) == {"badges_deleted": 1}
    assert not Badge.objects.filter(registration=erika).exists()
    assert Speaker.objects.exists()
