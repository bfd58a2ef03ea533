"""The exports: XLSX read back with openpyxl, PDF text extracted, CSV per table; each one audited."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from audit.models import Entry
from events.models import Event
from registrations.testing import register
from reports.testing import event_on, mark

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

QUERY = {"zeitraum": "jahr-2026", "vergleich": "vorjahr"}


@pytest.fixture
def year(team, login_as):
    for day, people in ((date(2026, 3, 10), 3), (date(2026, 10, 1), 2), (date(2025, 5, 5), 1)):
        event = event_on(day)
        for _n in range(people):
            register(event, attended=True)
        mark(event, Event.Status.HELD)
    login_as(team)


def test_xlsx_has_a_sheet_per_table_numbers_as_numbers_and_definitions(client, year):
    response = client.get("/team/berichte/export.xlsx", QUERY)
    assert response["Content-Disposition"] == 'attachment; filename="bericht-20260101-20261231.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Kennzahlen" and book.sheetnames[-1] == "Definitionen"
    assert {"Angebote nach Art", "Nach Monat", "Personen nach Rolle"} <= set(book.sheetnames)
    figures = {row[0]: row[1:] for row in book["Kennzahlen"].iter_rows(min_row=2, values_only=True)}
    assert figures["Personen"][:3] == (5, 1, 4)  # value, comparison, difference: numbers, not text
    assert figures["Angebote durchgeführt"][0] == 2 and figures["Stunden"][0] == 12
    months = {row[0]: row[1:] for row in book["Nach Monat"].iter_rows(min_row=2, values_only=True)}
    assert months["2026-03"] == (1, 3)
    definitions = {row[0]: row[1] for row in book["Definitionen"].iter_rows(values_only=True)}
    assert definitions["Personen"].startswith("Verschiedene Personen mit bestätigtem Platz")
    entry = Entry.objects.get(action="reports.exported")
    assert entry.details == {"format": "xlsx", "days": 365, "districts": 0, "table": "kennzahlen"}


def test_pdf_has_the_title_page_and_the_figures_of_the_page(client, year, settings):
    response = client.get("/team/berichte/export.pdf", QUERY)
    assert response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    title = " ".join(pages[0].extract_text().split())
    assert "Zeitraum 01.01.2026 bis 31.12.2026" in title and settings.FUNDING_LINE in title
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert "Personen 5 1 4" in text and "Angebote durchgeführt 2 1 1" in text
    assert "Verschiedene Personen mit bestätigtem Platz" in text and "Nach Monat" in text
    assert Entry.objects.filter(action="reports.exported", details__format="pdf").exists()


def test_csv_per_table(client, year):
    response = client.get("/team/berichte/export.csv", {**QUERY, "tabelle": "by_month"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Monat", "Angebote", "Anwesende"] and ["2026-10", "1", "2"] in rows
    figures = client.get("/team/berichte/export.csv", QUERY).content.decode("utf-8-sig")
    assert "Personen;5;1;4;" in figures
    assert client.get("/team/berichte/export.csv", {**QUERY, "tabelle": "unbekannt"}).status_code == 404
    assert Entry.objects.filter(action="reports.exported").count() == 2


def test_an_export_of_a_wrong_form_goes_back_to_the_form(client, year):
    response = client.get("/team/berichte/export.xlsx", {"von": "2026-12-31", "bis": "2026-01-01"})
    assert response.status_code == 302 and response["Location"].startswith("/team/berichte/?von=2026-12-31")
    assert not Entry.objects.filter(action="reports.exported").exists()


def test_the_page_links_every_export(client, year):
    page = client.get("/team/berichte/", QUERY).content.decode()
    assert "/team/berichte/export.pdf?zeitraum=jahr-2026&amp;vergleich=vorjahr" in page
    assert "export.csv?zeitraum=jahr-2026&amp;vergleich=vorjahr&amp;tabelle=by_month" in page
