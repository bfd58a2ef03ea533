"""The downloads of the lists added to core.exports later: each keeps the list's filters and the
role's rules, is on record, and neutralises formulas; trainers and partners export nothing their
pages do not show."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from audit.models import Entry
from board.testing import make_post
from conferences.models import Choice
from conferences.testing import make_conference, workshops
from directory.models import Organization
from events.testing import make_event
from feedback.models import Answer
from multipliers.models import Consultation
from newsletter.testing import make_issue, make_subscriber
from participants.services import check_in
from regions.models import District
from registrations.testing import make_participant
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db


def csv_rows(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Disposition"].startswith("attachment") and response["Cache-Control"] == "no-store"
    return [line.split(";") for line in response.content.decode("utf-8-sig").strip().splitlines()]


def test_the_board_queue_exports_its_tab_with_the_addresses_for_the_team_only(client, login_as, team, trainer_a):
    make_post(title="=Dolmetschen", status="pending", email="poster@example.org")
    make_post(title="Schon öffentlich")
    login_as(team)
    rows = csv_rows(client.get("/team/suche-biete/", {"liste": "pending", "export": "csv"}))
    assert [row[3] for row in rows[1:]] == ["'=Dolmetschen"] and rows[1][8] == "poster@example.org"
    xlsx = client.get("/team/suche-biete/", {"liste": "published", "export": "xlsx"})
    assert load_workbook(io.BytesIO(xlsx.content)).active["D2"].value == "Schon öffentlich"
    assert Entry.objects.filter(action="board.queue_exported", actor=team).count() == 2
    login_as(trainer_a)
    assert client.get("/team/suche-biete/", {"export": "csv"}).status_code == 403


def test_the_training_request_queue_exports_with_its_filters(client, login_as, team, partner_with_names):
    make_request(organisation="Kirchgemeinde Zittau", state="new")
    make_request(organisation="Stadtverwaltung Pirna", place="Pirna", state="planned")
    login_as(team)
    page = client.get("/team/anfragen/", {"stand": "planned"}).content.decode()
    assert "stand=planned&amp;export=csv" in page
    rows = csv_rows(client.get("/team/anfragen/", {"stand": "planned", "export": "csv"}))
    assert [row[1] for row in rows[1:]] == ["Stadtverwaltung Pirna"]
    assert "anfrage-" not in str(rows)  # the queue shows no contact data, nor does its download
    entry = Entry.objects.get(action="training_request.exported")
    assert entry.details["rows"] == 1 and entry.details["filters"] == {"stand": "planned"}
    login_as(partner_with_names)
    assert client.get("/team/anfragen/", {"export": "csv"}).status_code == 403


def test_wegweiser_organisations_export_with_the_search(client, login_as, team):
    Organization.objects.create(name="Caritas Görlitz", email="info@caritas.example")
    Organization.objects.create(name="Diakonie Leipzig")
    login_as(team)
    rows = csv_rows(client.get("/team/wegweiser/organisationen/", {"q": "Görlitz", "export": "csv"}))
    assert [(row[0], row[3]) for row in rows[1:]] == [("Caritas Görlitz", "info@caritas.example")]
    assert Entry.objects.filter(action="directory.organizations_exported").count() == 1


def test_the_door_list_exports_for_the_team_and_never_for_the_trainer_at_the_door(client, login_as, team, trainer_a):
    event = make_event(title="Schulung Pirna", days_ahead=0)
    event.trainers.add(trainer_a)
    here = make_participant(event, name="Anna Anwesend")
    make_participant(event, name="Bert Fehlt")
    check_in(actor=team, booking=here)
    login_as(trainer_a)
    door = client.get(f"/team/veranstaltungen/{event.pk}/einlass/")
    assert "Anna Anwesend" in door.content.decode() and "export=csv" not in door.content.decode()
    assert client.get(f"/team/veranstaltungen/{event.pk}/einlass/", {"export": "csv"}).status_code == 403
    login_as(team)
    rows = csv_rows(client.get(f"/team/veranstaltungen/{event.pk}/einlass/", {"export": "csv"}))
    assert [(row[0], row[-1]) for row in rows[1:]] == [("Anna Anwesend", "1"), ("Bert Fehlt", "0")]
    assert Entry.objects.filter(action="checkin.exported", actor=team, target_id=str(event.pk)).exists()


def test_the_waiting_list_exports_only_the_people_waiting(client, login_as, team):
    event = make_event(capacity=1)
    make_participant(event, name="Hat Platz")
    make_participant(event, name="Wartet")
    login_as(team)
    waiting = client.get(f"/team/veranstaltungen/{event.pk}/warteliste/", follow=True)
    assert f"/team/veranstaltungen/{event.pk}/teilnehmende/export.csv?status=waiting" in waiting.content.decode()
    rows = csv_rows(client.get(f"/team/veranstaltungen/{event.pk}/teilnehmende/export.csv", {"status": "waiting"}))
    assert [row[1] for row in rows[1:]] == ["Wartet"]


def test_feedback_results_export_the_figures_and_answers_as_the_page_shows_them(client, login_as, team, trainer_a):
    event = make_event(title="Fachtag Leipzig", days_ahead=-3)
    event.trainers.add(trainer_a)
    Answer.objects.create(event=event, overall=5, usefulness=4, improve="=mehr Pausen")
    Answer.objects.create(event=event, overall=3, usefulness=4, topics_wanted="Asylrecht")
    login_as(team)
    rows = csv_rows(client.get(f"/team/veranstaltungen/{event.pk}/feedback/", {"export": "csv"}))
    assert rows[1][2:] == ["Antworten", "2", "2"] and rows[2][2:] == ["Durchschnitt (von 5)", "4.0", "4.0"]
    assert ["Verteilung der Bewertungen", "Fachtag Leipzig", "5", "1", "0"] in rows
    assert ["Was können wir besser machen?", "Fachtag Leipzig", "'=mehr Pausen", "", ""] in rows
    period = csv_rows(client.get("/team/feedback/", {"export": "csv"}))
    assert ["Nach Veranstaltung", "Fachtag Leipzig", "Antworten: 2", "4.0", "4.0"] in period
    assert Entry.objects.filter(action="feedback.exported").count() == 2
    login_as(trainer_a)
    assert client.get(f"/team/veranstaltungen/{event.pk}/feedback/", {"export": "csv"}).status_code == 403


def test_newsletter_issues_export_without_subscriber_addresses(client, login_as, team, trainer_a):
    make_issue(title="Erste Schulungen")
    make_subscriber("abo@example.org")
    login_as(team)
    rows = csv_rows(client.get("/team/newsletter/", {"export": "csv"}))
    assert [row[1] for row in rows[1:]] == ["Erste Schulungen"] and "abo@example.org" not in str(rows)
    assert Entry.objects.filter(action="newsletter.issues_exported").exists()
    login_as(trainer_a)
    assert client.get("/team/newsletter/", {"export": "csv"}).status_code == 403


def test_consultation_totals_export_counts_only(client, login_as, team, multiplier):
    district = District.objects.get(slug="goerlitz")
    Consultation.objects.create(
        multiplier=multiplier, month=date(2026, 11, 1), district=district, advised="refugee", duration="30"
    )
    login_as(team)
    rows = csv_rows(client.get("/team/beratungen/", {"export": "csv"}))
    assert rows[1] == ["Beratungen", "alle", "1"] and ["Nach Landkreis", district.name, "1"] in rows
    assert multiplier.email not in str(rows)
    assert Entry.objects.filter(action="consultations.exported").exists()


def test_workshop_lists_export_for_the_team_counts_for_the_trainer(client, login_as, team, trainer_a):
    conference = make_conference(slots=1, workshops=1)
    conference.event.trainers.add(trainer_a)
    session = workshops(conference)[0][0]
    booking = make_participant(conference.event, name="Wanda Workshop")
    Choice.objects.create(
        registration=booking.registration, session=session, slot=session.slot, status=Choice.Status.PLACE
    )
    base = f"/team/veranstaltungen/{conference.event.pk}/programm/workshops/"
    login_as(trainer_a)
    counts = csv_rows(client.get(base, {"export": "csv"}))
    assert counts[1][1] == session.title and counts[1][4] == "1" and "Wanda" not in str(counts)
    assert client.get(f"{base}{session.pk}/einlass/", {"export": "csv"}).status_code == 403
    login_as(team)
    people = csv_rows(client.get(f"{base}{session.pk}/einlass/", {"export": "csv"}))
    assert [row[0] for row in people[1:]] == ["Wanda Workshop"]
    assert Entry.objects.filter(action="workshop.participants_exported", actor=team).exists()


def test_the_account_list_exports_for_admins_on_record(client, login_as, admin, team, trainer_a):
    login_as(admin)
    rows = csv_rows(client.get("/team/konten/", {"export": "csv"}))
    assert rows[0][:3] == ["Name", "E-Mail-Adresse", "Rolle"] and trainer_a.email in [row[1] for row in rows]
    assert Entry.objects.filter(action="account.list_exported", actor=admin).exists()
    login_as(team)
    assert client.get("/team/konten/", {"export": "csv"}).status_code == 403
