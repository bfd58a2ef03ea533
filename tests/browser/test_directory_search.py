import pytest

from demo.seeders.directory import seed_directory
from directory.models import Service
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_phone_finds_asylum_counselling_for_freital_opens_it_and_writes_through_the_relay(
    phone,
    smtp_server,  # noqa: F811
):
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

    # Back on the service page, a volunteer writes without giving away their own address.
    phone.go_back()
    phone.get_by_label("Ihr Name").fill("Kim")
    phone.get_by_label("Ihre E-Mail-Adresse").fill("kim.privat@example.net")
    phone.get_by_label("Ihre Nachricht").fill("Unsere Nachbarin hat Post vom Bundesamt bekommen.")
    phone.get_by_role("button", name="Nachricht senden").click()
    phone.get_by_role("heading", name="Ihre Nachricht ist unterwegs").wait_for()
    assert_no_axe_violations(phone)

    deliver_outbox()
    service = Service.objects.get(name="Asylverfahrensberatung Sächsische Schweiz-Osterzgebirge")
    (mail,) = smtp_server.messages_to(service.email or service.organization.email)
    assert "Unsere Nachbarin hat Post vom Bundesamt bekommen." in mail.text
    assert b"kim.privat@example.net" not in mail.raw
