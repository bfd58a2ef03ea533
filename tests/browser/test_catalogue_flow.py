"""A volunteer finds a training near them on a phone, with the mouse and with the keyboard only."""

from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from events.models import Event
from events.testing import make_event
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def offers():
    return {
        "heidenau": make_event(title="Unterstützer_innenschulung Heidenau", place="Heidenau"),
        "heidenau_network": make_event(title="Vernetzungstreffen Heidenau", place="Heidenau", kind=Event.Kind.NETWORK),
        "leipzig": make_event(title="Unterstützer_innenschulung Leipzig", place="Leipzig"),
    }


def results(page):
    return page.locator("#results .card__title").all_inner_texts()


def test_volunteer_on_a_phone_finds_a_training_near_pirna_and_adds_it_to_the_calendar(phone, offers):
    page = phone
    page.goto(page.base_url + "/veranstaltungen/")
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("In der Nähe von (Gemeinde)").fill("Pirna")
    page.get_by_label("Umkreis in km").fill("30")
    page.get_by_label("Art").select_option("schulung")
    page.get_by_role("button", name="Angebote anzeigen").click()
    page.wait_for_url("**ort=Pirna**")
    expect(page.locator("#results")).to_contain_text("1 Angebot gefunden")
    assert results(page) == ["Unterstützer_innenschulung Heidenau"]
    assert "art=schulung" in page.url and "umkreis=30" in page.url

    page.get_by_role("link", name="Unterstützer_innenschulung Heidenau").click()
    page.wait_for_url(f"**{offers['heidenau'].get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Unterstützer_innenschulung Heidenau")
    with page.expect_download() as download:
        page.get_by_role("link", name="Termin in den Kalender eintragen (.ics)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Unterstützer_innenschulung Heidenau"]


def test_the_same_flow_with_the_keyboard_only(page, offers):
    page.goto(page.base_url + "/veranstaltungen/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Zum Inhalt springen"

    def tab_to(label):
        for _ in range(80):  # from the top of the page to the results, if a swap took the focus
            page.keyboard.press("Tab")
            if (
                page.evaluate("document.activeElement.labels?.[0]?.textContent || document.activeElement.textContent")
                .strip()
                .startswith(label)
            ):
                return
        raise AssertionError(f"could not reach {label!r} with Tab")

    tab_to("In der Nähe von (Gemeinde)")
    page.keyboard.type("Pirna")
    tab_to("Umkreis in km")
    page.keyboard.type("30")
    tab_to("Art")
    page.keyboard.press("ArrowDown")  # → Unterstützer_innenschulung
    tab_to("Angebote anzeigen")
    page.keyboard.press("Enter")
    # Leaving each field already sent a search (htmx on "change"); the results are swapped once
    # per answer, so wait until no search is in flight or being swapped in before tabbing into
    # them (a late swap would take the focus away). htmx marks the form while it works.
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')")
    expect(page.locator("#results")).to_contain_text("1 Angebot gefunden")
    tab_to("Unterstützer_innenschulung Heidenau")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{offers['heidenau'].get_absolute_url()}")
    tab_to("Termin in den Kalender eintragen (.ics)")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert b"BEGIN:VCALENDAR" in Path(download.value.path()).read_bytes()


def test_filtering_through_the_district_map(page, offers):
    page.goto(page.base_url + "/karte/")
    page.locator('svg a[href$="kreis=leipzig"]').click()
    page.wait_for_url("**kreis=leipzig")
    assert results(page) == ["Unterstützer_innenschulung Leipzig"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_public_pages_have_no_axe_violations(page, offers, prefix):
    event = offers["heidenau"]
    for path in [
        "/",
        "/veranstaltungen/",
        "/veranstaltungen/?kreis=bautzen",  # no results
        "/veranstaltungen/?ort=Pirnaa&seite=x",  # notes and suggestions
        event.get_absolute_url(),
        "/karte/",
        "/quellen/",
        "/veranstaltungen/archiv/",
    ]:
        page.goto(page.base_url + prefix + path)
        assert_no_axe_violations(page)
