"""A trainer makes an API token on the tokens page, uses it, and revokes it; then subscribes a
webhook and opens its delivery log. axe on every new page (list, form with errors, secret, log)."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from accounts.testing import make_user
from events.testing import make_event
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in
from webhooks.models import Subscription

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_trainer_creates_uses_and_revokes_a_token_and_subscribes_a_webhook(page, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    trainer = make_user("trainer", email="trainer-api@example.org")
    event = make_event(title="Schulung Zittau", place="Zittau")
    event.trainers.add(trainer)
    log_in(page, trainer)

    page.get_by_role("link", name="API-Tokens").first.click()
    expect(page.get_by_role("heading", name="API-Tokens")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Token anlegen").click()
    page.get_by_role("button", name="Token anlegen").click()  # nothing filled in: errors
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Name", exact=True).fill("Kalender der Initiative")
    page.get_by_role("checkbox", name="events:read").check()
    page.get_by_role("button", name="Token anlegen").click()
    expect(page.get_by_role("heading", name="Token angelegt")).to_be_visible()
    assert_no_axe_violations(page)
    secret = page.get_by_label("Token").input_value()

    got = Client().get("/api/v1/team/events", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert [e["title"] for e in got.json()["results"]] == ["Schulung Zittau"]

    page.get_by_role("link", name="Zu allen Tokens").click()
    page.get_by_role("button", name="Widerrufen").click()
    page.get_by_text("ist widerrufen").wait_for()
    assert Client().get("/api/v1/team/events", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401

    page.get_by_role("link", name="Webhooks").first.click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Webhook anlegen").click()
    page.get_by_label("Adresse (URL)").fill("http://kalender.example.org/hook")
    page.get_by_label("Anmeldung bestätigt").check()
    page.get_by_role("button", name="Webhook anlegen").click()
    expect(page.locator(".error-summary")).to_be_visible()  # https only
    expect(page.get_by_label("Adresse (URL)")).to_have_value("http://kalender.example.org/hook")
    assert_no_axe_violations(page)
    page.get_by_label("Adresse (URL)").fill("https://kalender.example.org/hook")
    page.get_by_role("button", name="Webhook anlegen").click()
    page.get_by_text("Der Webhook ist angelegt.").wait_for()
    assert page.get_by_label("Geheimnis zum Prüfen der Signatur").input_value().startswith("whsec_")
    assert_no_axe_violations(page)
    assert Subscription.objects.get().event_types == ["registration.confirmed"]
