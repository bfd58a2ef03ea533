"""The report page: who sees what, bad input on the form, pictures with tables, fixed query count."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import Event
from registrations.testing import register
from reports.testing import event_on, mark

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

URL = "/team/berichte/"
YEAR_2026 = {"zeitraum": "jahr-2026"}


def held_training(day, people, **fields):
    event = event_on(day, **fields)
    for _n in range(people):
        register(event, attended=True)
    return mark(event, Event.Status.HELD)


def figure(page, label):
    """The value next to a figure's label in the page's figure tables."""
    match = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>\s*<td class=\"num\"[^>]*>([^<]*)</td>", page)
    return match.group(1) if match else None


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("trainer_a", 403), ("multiplier", 403), ("team", 200), ("admin", 200)],
)
def test_who_may_open_the_report(client, request, login_as, persona, status):
    login_as(request.getfixturevalue(persona))
    response = client.get(URL, YEAR_2026)
    assert response.status_code == status
    if status == 200:
        assert "Bericht für Fördermittelgeber" in response.content.decode()


def test_the_team_sees_every_figure_with_its_definition_and_pictures_with_tables(client, team, login_as):
    held_training(date(2026, 3, 10), 3, place="Pirna")
    held_training(date(2026, 9, 10), 2, place="Görlitz")
    login_as(team)
    page = client.get(URL, YEAR_2026).content.decode()
    assert figure(page, "Angebote durchgeführt") == "2" and figure(page, "Personen") == "5"
    assert "Verschiedene Personen mit bestätigtem Platz" in page  # the definition next to it
    assert figure(page, "Beratungen") == "0"  # the whole report
    assert page.count('class="bar-chart"') == 3 and 'class="district-map"' in page
    assert 'id="tabelle-by_month"' in page and 'id="tabelle-participants_by_district"' in page
    assert "teilnehmer" not in page.lower().replace("teilnehmer_innen", "")  # no address, no name
    assert "Privat Person" not in page


def test_a_partner_sees_only_the_events_its_organisation_co_hosts(client, partner_without_names, login_as):
    from events.models import Partner

    hosted = held_training(date(2026, 3, 10), 3)
    hosted.partners.add(Partner.objects.get(pk=partner_without_names.partner_organisation_id))
    held_training(date(2026, 4, 10), 4)
    login_as(partner_without_names)
    page = client.get(URL, YEAR_2026).content.decode()
    assert figure(page, "Angebote durchgeführt") == "1" and figure(page, "Personen") == "3"
    assert figure(page, "Beratungen") is None  # not about their events
    assert "mitveranstaltet" in page


def test_comparison_period_side_by_side(client, team, login_as):
    held_training(date(2026, 3, 10), 3)
    held_training(date(2025, 3, 10), 1)
    login_as(team)
    page = client.get(URL, {**YEAR_2026, "vergleich": "vorjahr"}).content.decode()
    assert re.search(r"<th scope=\"row\">Personen</th>\s*<td[^>]*>3</td>\s*<td[^>]*>1</td>\s*<td[^>]*>\+2</td>", page)
    assert "Vergleichszeitraum: 01.01.2025 bis 31.12.2025." in page


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"von": "", "bis": ""}, "Bitte wählen Sie einen Zeitraum aus der Liste oder geben Sie „Von“ und „Bis“ an."),
        ({"von": "2026-12-31", "bis": "2026-01-01"}, "„Bis“ liegt vor „Von“."),
        ({"von": "2026-13-45", "bis": "2026-01-01"}, "Bitte geben Sie ein Datum wie 2026-01-31 ein."),
        ({**YEAR_2026, "landkreis": "atlantis"}, "Den Landkreis „atlantis“ gibt es nicht."),
        ({**YEAR_2026, "art": "party"}, "Die Art „party“ gibt es nicht."),
        ({"von": "1990-01-01", "bis": "2026-01-01"}, "höchstens 20 Jahre"),
        ({"zeitraum": "jahr-1066"}, "Diesen Zeitraum gibt es in der Liste nicht."),
    ],
)
def test_bad_input_gives_a_message_on_the_form_never_an_error_page(client, team, login_as, query, message):
    login_as(team)
    response = client.get(URL, query)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page and 'class="error-summary"' in page
    assert "Kennzahlen" not in page  # no report for a wrong form
    for value in query.values():
        if value and value != "jahr-1066":
            assert value in page  # the form keeps what was typed


def test_the_page_opens_with_last_year(client, team, login_as):
    login_as(team)
    page = client.get(URL).content.decode()
    assert "Zeitraum 01.01.2026 bis 31.12.2026" in page


def test_the_query_count_is_the_same_for_one_and_fifty_events(client, team, login_as):
    login_as(team)
    held_training(date(2026, 2, 1), 1)
    with CaptureQueriesContext(connection) as one:
        client.get(URL, {**YEAR_2026, "vergleich": "davor"})
    for n in range(49):
        held_training(date(2026, 3, 1 + n % 28), 1 if n % 2 else 2, place="Görlitz" if n % 3 else "Pirna")
    with CaptureQueriesContext(connection) as fifty:
        page = client.get(URL, {**YEAR_2026, "vergleich": "davor", "neu": "1"}).content.decode()
    assert figure(page, "Angebote durchgeführt") == "50"
    assert len(fifty.captured_queries) == len(one.captured_queries)


def test_a_report_is_reused_for_ten_minutes_and_computed_anew_on_request(client, team, login_as, clock):
    login_as(team)
    held_training(date(2026, 2, 1), 2)
    first = client.get(URL, YEAR_2026).content.decode()
    stand = re.search(r"Stand: ([0-9.]+, [0-9:]+) Uhr", first).group(1)
    held_training(date(2026, 3, 1), 3)
    with CaptureQueriesContext(connection) as reused:
        page = client.get(URL, YEAR_2026).content.decode()
    assert figure(page, "Personen") == "2" and f"Stand: {stand} Uhr" in page
    assert not any("registrations_registration" in q["sql"] for q in reused.captured_queries)
    compared = client.get(URL, {**YEAR_2026, "vergleich": "vorjahr"}).content.decode()
    assert figure(compared, "Personen") == "2"  # the same period's report, now with a comparison

    link = re.search(r'href="\?([^"]+)">Neu berechnen</a>', page).group(1).replace("&amp;", "&")
    assert "neu=1" in link and figure(client.get(f"{URL}?{link}").content.decode(), "Personen") == "5"
    assert figure(client.get(URL, YEAR_2026).content.decode(), "Personen") == "5"  # the new figures are kept

    held_training(date(2026, 4, 1), 1)
    clock.shift(timedelta(minutes=11))
    assert figure(client.get(URL, YEAR_2026).content.decode(), "Personen") == "6"


def test_a_reused_report_speaks_the_readers_language(client, team, login_as):
    login_as(team)
    held_training(date(2026, 2, 1), 2)
    assert "Personen nach Rolle" in client.get(URL, YEAR_2026).content.decode()
    page = client.get(f"/en{URL}", YEAR_2026).content.decode()
    assert "People by role" in page and "Personen nach Rolle" not in page


def test_reports_are_kept_apart_per_partner(client, team, partner_without_names, login_as):
    from events.models import Partner

    hosted = held_training(date(2026, 5, 1), 2)
    held_training(date(2026, 6, 1), 3)
    hosted.partners.add(Partner.objects.get(pk=partner_without_names.partner_organisation_id))
    login_as(team)
    assert figure(client.get(URL, YEAR_2026).content.decode(), "Personen") == "5"
    login_as(partner_without_names)
    assert figure(client.get(URL, YEAR_2026).content.decode(), "Personen") == "2"


def test_nothing_is_reused_when_the_setting_says_so(client, team, login_as, settings):
    settings.REPORTS_CACHE_SECONDS = 0
    login_as(team)
    held_training(date(2026, 2, 1), 2)
    client.get(URL, YEAR_2026)
    held_training(date(2026, 3, 1), 1)
    page = client.get(URL, YEAR_2026).content.decode()
    assert figure(page, "Personen") == "3" and "Neu berechnen" not in page


def test_the_funding_period_from_the_settings_is_a_quick_choice(client, team, login_as, settings):
    settings.REPORTS_FUNDING_PERIOD = "2025-07-01/2026-06-30"
    held_training(date(2025, 8, 1), 2)
    held_training(date(2026, 8, 1), 1)  # after the funding period
    login_as(team)
    page = client.get(URL, {"zeitraum": "foerderzeitraum"}).content.decode()
    assert "Förderzeitraum 01.07.2025 – 30.06.2026" in page
    assert "Zeitraum 01.07.2025 bis 30.06.2026" in page and figure(page, "Personen") == "2"
