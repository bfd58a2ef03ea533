"""Initiatives in a browser: a phone user finds an initiative and writes to it through the relay."""

import pytest
from playwright.sync_api import expect

from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from network.testing import make_initiative
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_phone_user_writes_to_an_initiative_without_revealing_the_address(phone, smtp_server):  # noqa: F811
    make_initiative(name="Willkommenscafé Freital", place="Freital", contact_email="cafe-vorstand@example.org")
    make_initiative(name="Deutsch-Treff Görlitz", place="Görlitz")

    phone.goto(phone.base_url + "/initiativen/?kreis=saechsische-schweiz-osterzgebirge")
    assert "Deutsch-Treff Görlitz" not in phone.content()
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Willkommenscafé Freital").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Willkommenscafé Freital")
    assert "cafe-vorstand@example.org" not in phone.content()
    assert_no_axe_violations(phone)

    phone.get_by_label("Ihr Name").fill("Robin")
    phone.get_by_label("Ihre E-Mail-Adresse").fill("robin-ohne-at")
    phone.get_by_label("Ihre Nachricht").fill("Ich möchte beim Café helfen.")
    phone.get_by_role("button", name="Nachricht senden").click()
    expect(phone.locator("body")).to_contain_text(
        "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an."
    )
    assert phone.get_by_label("Ihre Nachricht").input_value() == "Ich möchte beim Café helfen."
    assert_no_axe_violations(phone)

    phone.get_by_label("Ihre E-Mail-Adresse").fill("robin.privat@example.net")
    phone.get_by_role("button", name="Nachricht senden").click()
    phone.get_by_role("heading", name="Ihre Nachricht ist unterwegs").wait_for()
    assert_no_axe_violations(phone)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("cafe-vorstand@example.org")
    assert "Ich möchte beim Café helfen." in mail.text
    assert b"robin.privat@example.net" not in mail.raw


def test_map_and_proposal_form_are_accessible(page):
    make_initiative(name="Willkommenscafé Freital", place="Freital")

    page.goto(page.base_url + "/initiativen/karte/")
    expect(page.locator("body")).to_contain_text("Freital: 1 Initiative")
    assert_no_axe_violations(page)

    page.goto(page.base_url + "/initiativen/vorschlagen/")
    assert_no_axe_violations(page)
    page.get_by_label("Name der Initiative").fill("Neue Initiative")
    page.get_by_label("Gemeinde").fill("Pirnaa")
    page.get_by_role("button", name="Vorschlag senden").click()
    expect(page.locator("body")).to_contain_text("Meinten Sie: Pirna?")
    assert page.get_by_label("Name der Initiative").input_value() == "Neue Initiative"
    assert_no_axe_violations(page)
