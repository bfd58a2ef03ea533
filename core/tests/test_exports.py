"""Every back-office list as CSV or XLSX through one mechanism (core.exports): the list's filters
and the account's rules apply, formulas are neutralised, every export is audited."""

import io

import pytest
from openpyxl import load_workbook

from audit.models import Entry
from core.exports import Column, as_csv, table
from events.testing import make_event
from network.testing import make_initiative

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return [line.split(";") for line in text.strip().splitlines()]


def test_cells_that_look_like_formulas_stay_text():
    columns = [Column("Name", lambda row: row)]
    body = as_csv(table(columns, ["=HYPERLINK(1)", "+1", "-2", "@x", "Anna"])).decode("utf-8-sig")
    assert body.splitlines() == ["Name", "'=HYPERLINK(1)", "'+1", "'-2", "'@x", "Anna"]


def test_the_event_list_exports_its_filters_and_the_accounts_events(client, login_as, trainer_a):
    own = make_event(title="=Schulung Zittau", place="Zittau")
    own.trainers.add(trainer_a)
    make_event(title="Schulung Leipzig", place="Leipzig")
    other_own = make_event(title="Fachtag Zittau", kind="fachkonferenz", place="Zittau")
    other_own.trainers.add(trainer_a)
    login_as(trainer_a)
    page = client.get("/team/veranstaltungen/", {"art": "schulung"})
    assert "export=csv" in page.content.decode() and "art=schulung" in page.content.decode()
    got = client.get("/team/veranstaltungen/", {"art": "schulung", "export": "csv"})
    assert got["Content-Disposition"].startswith("attachment") and got["Cache-Control"] == "no-store"
    rows = csv_rows(got)
    assert [row[1] for row in rows[1:]] == ["'=Schulung Zittau"]
    entry = Entry.objects.get(action="events.exported")
    assert entry.actor == trainer_a and entry.details == {"format": "csv", "rows": 1}


def test_the_audit_log_exports_as_xlsx_for_admins_only(client, login_as, admin, team):
    login_as(team)
    assert client.get("/team/protokoll/", {"export": "xlsx"}).status_code == 403
    login_as(admin)
    got = client.get("/team/protokoll/", {"export": "xlsx"})
    assert got["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(got.content)).active
    assert sheet["A1"].value == "Zeitpunkt" and sheet.max_row >= 1
    assert Entry.objects.filter(action="audit.exported", actor=admin).exists()


def test_initiatives_and_proposals_export_per_tab(client, login_as, team):
    make_initiative(name="Willkommen in Pirna")
    make_initiative(name="Vorschlag Bautzen", status="proposed")
    login_as(team)
    proposals = csv_rows(client.get("/team/initiativen/", {"status": "proposed", "export": "csv"}))
    assert [row[0] for row in proposals[1:]] == ["Vorschlag Bautzen"]
    approved = csv_rows(client.get("/team/initiativen/", {"status": "approved", "export": "csv"}))
    assert [row[0] for row in approved[1:]] == ["Willkommen in Pirna"]
    assert Entry.objects.filter(action="initiative.exported").count() == 2


def test_wegweiser_services_export_with_the_search(client, login_as, team):
    from directory.testing import make_agency

    make_agency(name="Migrationsberatung Pirna")
    make_agency(name="Jugendmigrationsdienst Leipzig")
    login_as(team)
    rows = csv_rows(client.get("/team/wegweiser/", {"q": "Pirna", "export": "csv"}))
    assert [row[0] for row in rows[1:]] == ["Migrationsberatung Pirna"]
    assert Entry.objects.filter(action="directory.services_exported").count() == 1
