"""Phone first, without JavaScript: after a search the first result is on the first screen, with
the active filters listed above it, and the home page asks for the place right away."""

import pytest
from playwright.sync_api import expect

from directory.testing import make_agency
from events.models import Event
from events.testing import make_event

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREEN = {"width": 390, "height": 844}


@pytest.fixture
def phone_without_js(browser, live_server):
    context = browser.new_context(
        viewport=SCREEN, is_mobile=True, has_touch=True, java_script_enabled=False, locale="de-DE",
        timezone_id="Europe/Berlin",
    )  # fmt: skip
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def offers():
    # Enough offers near and far that an open filter panel or a long list could push the result down.
    near = [make_event(title=f"Unterstützer_innenschulung Heidenau {n}", place="Heidenau") for n in range(3)]
    for n in range(25):
        make_event(title=f"Vernetzungstreffen Leipzig {n}", place="Leipzig", kind=Event.Kind.NETWORK)
    return near


def first_screen(page, selector):
    """The first match's box, asserting that it lies wholly on the first screen (nothing scrolled)."""
    assert page.evaluate("window.scrollY") == 0
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"no {selector} on {page.url}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], (
        f"{selector} spans {box['y']:.0f}–{box['y'] + box['height']:.0f} px, the screen ends at {SCREEN['height']} px"
    )
    return box


def test_filtered_search_shows_the_first_result_on_the_first_screen(phone_without_js, offers):
    page = phone_without_js
    page.goto(page.base_url + "/veranstaltungen/")
    page.get_by_text("Filter", exact=True).click()  # a native <details>: opens without JavaScript
    page.get_by_label("In der Nähe von (Gemeinde)").fill("Pirna")
    page.get_by_label("Umkreis in km").fill("30")
    page.get_by_label("Art").select_option("schulung")
    page.get_by_role("button", name="Angebote anzeigen").click()
    page.wait_for_url("**ort=Pirna**")

    assert page.evaluate("document.querySelector('details.filter-panel').open") is False
    chips = page.locator(".active-filters .chip").all_inner_texts()
    assert sorted(chips) == ["Art: Unterstützer_innenschulung", "bis 30 km um Pirna"]
    expect(page.locator(".result-count")).to_have_text("3 Angebote gefunden")
    chips_box = first_screen(page, ".active-filters")
    card_box = first_screen(page, "#results .card")
    assert chips_box["y"] < card_box["y"]  # the summary of the search stands above the results
    assert page.locator("#results .card__title").first.inner_text().startswith("Unterstützer_innenschulung Heidenau")


def test_the_home_page_asks_for_the_place_and_lands_on_the_offers_near_it(phone_without_js, offers):
    page = phone_without_js
    page.goto(page.base_url + "/")
    first_screen(page, "#home-ort")
    page.get_by_label("In der Nähe von (Gemeinde)").fill("Pirna")
    page.get_by_role("button", name="Angebote in Ihrer Nähe finden").click()
    page.wait_for_url("**/veranstaltungen/?ort=Pirna")

    assert page.locator(".active-filters .chip").all_inner_texts() == ["bis 20 km um Pirna"]
    card_box = first_screen(page, "#results .card")
    assert card_box["height"] > 0
    assert page.locator("#results .card__title").first.inner_text().startswith("Unterstützer_innenschulung Heidenau")


def test_the_wegweiser_shows_the_first_agency_on_the_first_screen_after_a_search(phone_without_js):
    for n in range(4):
        make_agency(name=f"Migrationsberatung Pirna {n}", place="Pirna")
    page = phone_without_js
    page.goto(page.base_url + "/wegweiser/")
    assert page.evaluate("document.querySelector('details.filter-panel').open") is True  # nothing searched yet
    page.get_by_label("Gemeinde oder Stadt").fill("Pirna")
    page.get_by_role("button", name="Fachstellen finden").click()
    page.wait_for_url("**ort=Pirna**")

    assert page.evaluate("document.querySelector('details.filter-panel').open") is False
    first_screen(page, "#results .card")
