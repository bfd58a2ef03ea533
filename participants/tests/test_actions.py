"""The team's work on participants through the real views: add by phone, change, cancel, promote,
write to a group (queued, with progress), export CSV and XLSX; list query counts stay fixed."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from audit.models import Entry
from events.testing import make_event
from mail.models import OutboxMessage
from participants.models import Mailing
from registrations.models import Booking, Registration
from registrations.testing import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def url(event, rest=""):
    return f"/team/veranstaltungen/{event.pk}/{rest}"


def test_phone_registration_goes_through_the_registrations_service_with_its_mails(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Meißen", place="Meißen")
    data = {
        "name": "Hanna Telefon",
        "email": "Hanna@Example.org",
        "organisation": "Tafel Meißen",
        "role": "volunteer",
        "municipality": "Meißen",
        "language": "de",
        "consent_by_phone": "on",
    }
    response = client.post(url(event, "teilnehmende/neu/"), data)
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.name == "Hanna Telefon" and registration.email == "hanna@example.org"
    assert registration.municipality.name == "Meißen"
    assert registration.bookings.get().status == Booking.Status.HELD
    (mail,) = OutboxMessage.objects.filter(to="hanna@example.org")
    assert mail.template == "registrations/mail/confirm_address"
    entry = Entry.objects.get(action="registration.added_by_hand")
    assert entry.details == {"registration": registration.pk, "existing": False}


def test_phone_registration_form_keeps_input_and_says_what_to_fix(client, team, login_as):
    login_as(team)
    event = make_event()
    response = client.post(url(event, "teilnehmende/neu/"), {"name": "Ohne Zustimmung", "municipality": "Pirnaa"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ohne Zustimmung"' in page
    assert "Bitte lesen Sie der Person die Datenschutzhinweise vor" in page
    assert "Diese Gemeinde kennen wir nicht" in page
    assert not Registration.objects.exists()


def test_phone_registration_after_the_deadline_is_refused_with_the_reason(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=1)  # deadline was two days ago
    data = {"name": "Zu Spät", "email": "spaet@example.org", "role": "volunteer", "municipality": "Pirna"}
    response = client.post(url(event, "teilnehmende/neu/"), {**data, "language": "de", "consent_by_phone": "on"})
    assert "Der Anmeldeschluss ist vorbei" in response.content.decode()
    assert not Registration.objects.exists()


def test_team_changes_a_persons_details_and_the_change_is_audited(client, team, login_as):
    login_as(team)
    event = make_event()
    booking = make_participant(event, name="Alter Name")
    data = {"name": "Neuer Name", "phone": "0351 1", "organisation": "AK Asyl", "role": "professional"}
    response = client.post(url(event, f"teilnehmende/{booking.pk}/bearbeiten/"), {**data, "municipality": "Pirna"})
    assert response.status_code == 302
    registration = Registration.objects.get(pk=booking.registration_id)
    assert (registration.name, registration.role) == ("Neuer Name", "professional")
    assert registration.organisation == "AK Asyl"
    entry = Entry.objects.get(action="registration.changed")
    assert set(entry.details["fields"]) == {"name", "phone", "organisation", "role"}


def test_cancel_by_the_team_mails_the_person_and_the_next_one_moves_up(client, team, login_as):
    login_as(team)
    event = make_event(capacity=1)
    first = make_participant(event, name="Erste Person")
    waiting = make_participant(event, name="Wartende Person")
    assert waiting.status == Booking.Status.WAITING
    page = client.get(url(event, f"teilnehmende/{first.pk}/absagen/")).content.decode()
    assert "Erste Person" in page and "Jetzt absagen" in page
    client.post(url(event, f"teilnehmende/{first.pk}/absagen/"))
    first.refresh_from_db()
    waiting.refresh_from_db()
    assert first.status == Booking.Status.CANCELLED
    assert waiting.status == Booking.Status.CONFIRMED
    templates = set(OutboxMessage.objects.values_list("template", flat=True))
    assert {"registrations/mail/cancelled", "registrations/mail/moved_up"} <= templates


def test_manual_promotion_needs_a_free_place_and_then_mails_the_person(client, team, login_as):
    login_as(team)
    event = make_event(capacity=1)
    make_participant(event)
    waiting = make_participant(event, name="Nachrückerin")
    response = client.post(url(event, f"teilnehmende/{waiting.pk}/nachruecken/"))
    assert response.status_code == 409
    assert "kein Platz frei" in response.content.decode()
    event.capacity = 2
    event.save()
    response = client.post(url(event, f"teilnehmende/{waiting.pk}/nachruecken/"))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert OutboxMessage.objects.filter(to=waiting.registration.email, template="registrations/mail/moved_up").exists()
    assert Entry.objects.filter(action="registration.promoted", details__done=True).exists()


def test_writing_to_the_waiting_list_queues_one_mail_each_and_shows_progress(client, team, login_as):
    login_as(team)
    event = make_event(capacity=1)
    placed = make_participant(event)
    waiting = [make_participant(event) for _ in range(2)]
    response = client.post(
        url(event, "teilnehmende/schreiben/"),
        {"audience": "waiting", "subject": "Noch Hoffnung", "body": "Es werden oft Plätze frei."},
    )
    mailing = Mailing.objects.get()
    assert response["Location"] == url(event, f"rundmails/{mailing.pk}/")
    recipients = set(mailing.messages.values_list("to", flat=True))
    assert recipients == {b.registration.email for b in waiting}
    assert placed.registration.email not in recipients
    text = mailing.messages.first().text
    assert "Es werden oft Plätze frei." in text and "Guten Tag" in text
    mailing.messages.filter(to=waiting[0].registration.email).update(status="sent", sent_at=mailing.created_at)
    page = client.get(response["Location"]).content.decode()
    assert "in der Warteschlange</dt><dd>1</dd>" in page
    assert "verschickt</dt><dd>1</dd>" in page
    partial = client.get(response["Location"], headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 3s"' in partial and "<html" not in partial
    assert Entry.objects.get(action="participants.messaged").details["recipients"] == 2


def test_message_form_says_what_is_missing(client, team, login_as):
    login_as(team)
    event = make_event()
    response = client.post(url(event, "teilnehmende/schreiben/"), {"subject": "Hallo"})
    page = response.content.decode()
    assert "Bitte wählen Sie, wer die Nachricht bekommt." in page
    assert "Bitte schreiben Sie eine Nachricht." in page
    assert 'value="Hallo"' in page
    assert not Mailing.objects.exists()


def test_list_filters_by_search_status_role_and_municipality(client, team, login_as):
    login_as(team)
    event = make_event(capacity=2)
    make_participant(event, name="Anna Pirna")
    make_participant(event, name="Bert Freital", place="Freital", role="professional")
    make_participant(event, name="Carla Wartet")
    page = client.get(url(event, "teilnehmende/"), {"status": "waiting"}).content.decode()
    assert "Carla Wartet" in page and "Anna Pirna" not in page and "Platz 1" in page
    page = client.get(url(event, "teilnehmende/"), {"rolle": "professional"}).content.decode()
    assert "Bert Freital" in page and "Anna Pirna" not in page
    freital = Registration.objects.get(name="Bert Freital").municipality_id
    page = client.get(url(event, "teilnehmende/"), {"gemeinde": freital}).content.decode()
    assert "Bert Freital" in page and "Carla" not in page
    page = client.post(url(event, "teilnehmende/"), {"q": "anna"}, follow=True).content.decode()
    assert "Anna Pirna" in page and "Bert" not in page


def test_csv_and_xlsx_exports_hold_the_people_and_neutralise_formulas(client, team, login_as):
    login_as(team)
    event = make_event()
    make_participant(event, name="=HYPERLINK(1)", organisation="Tafel Pirna")
    make_participant(event, name="Jörg Ümlaut")
    body = client.get(url(event, "teilnehmende/export.csv")).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Name", "E-Mail-Adresse"]
    names = {row[1] for row in rows[1:]}
    assert names == {"'=HYPERLINK(1)", "Jörg Ümlaut"}
    response = client.get(url(event, "teilnehmende/export.xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][1] == "Name"
    assert {row[1] for row in values[1:]} == {"'=HYPERLINK(1)", "Jörg Ümlaut"}
    assert response["Content-Disposition"].endswith('.xlsx"')


def _count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["teilnehmende/", "einlass/", "teilnehmende/export.csv", "teilnehmende/export.xlsx"])
def test_participant_pages_need_the_same_queries_for_1_and_50_people(client, team, login_as, page):
    login_as(team)
    small, large = make_event(capacity=None), make_event(capacity=None)
    make_participant(small)
    for _ in range(50):
        make_participant(large)
    assert _count(client, url(small, page)) == _count(client, url(large, page))


def test_participant_pages_in_english(client, team, login_as):
    login_as(team)
    event = make_event()
    make_participant(event, name="Jane Doe")
    page = client.get(f"/en/team/veranstaltungen/{event.pk}/teilnehmende/").content.decode()
    assert "Write to everyone" in page and "Export as CSV" in page and "Jane Doe" in page
    page = client.get(f"/en/team/veranstaltungen/{event.pk}/einlass/").content.decode()
    assert "Search by name" in page and "0</strong> of 1 present" in page
