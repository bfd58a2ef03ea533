import pytest

from demo.seeders.directory import seed_directory
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_phone_finds_asylum_counselling_for_freital_and_opens_it(phone):
    seed_directory()
    phone.goto(phone.base_url + "/wegweiser/")
    assert_no_axe_violations(phone)

    phone.get_by_label("Gemeinde oder Stadt").fill("Freital")
    topic = phone.get_by_label("Thema")
    label = next(text for text in topic.locator("option").all_inner_texts() if "Asylverfahren" in text)
    topic.select_option(label=label)
    phone.get_by_role("button", name="Fachstellen finden").click()

    results = phone.locator("#results")
    results.get_by_text("Angebote für Freital").wait_for()
    assert "ort=Freital" in phone.url
    assert_no_axe_violations(phone)

    link = results.get_by_role("link", name="Asylverfahrensberatung Sächsische Schweiz-Osterzgebirge")
    link.click()
    phone.get_by_role("heading", level=1, name="Asylverfahrensberatung Sächsische Schweiz-Osterzgebirge").wait_for()
    page = phone.content()
    assert "Landkreis Sächsische Schweiz-Osterzgebirge" in page  # the service area
    assert "Anrufen: 0351 000" in page
    assert "Öffnungszeiten" in page and "Barrierefreiheit" in page
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Zurück zur Suche").click()
    results.get_by_text("Angebote für Freital").wait_for()
