"""A parish in Zittau asks for a training on a phone; the team answers, plans and publishes it; the
parish sees "geplant" with the event's link. axe-core on every new page."""

import pytest
from playwright.sync_api import expect

from accounts.testing import TEST_PASSWORD, make_user
from events.models import Event
from events.testing import make_contact, make_event, make_topic, make_venue
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in
from training_requests.models import TrainingRequest
from training_requests.testing import make_request

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PARISH = "Ev.-Luth. Kirchgemeinde Zittau"


def test_a_parish_in_zittau_requests_a_training_and_sees_it_planned(phone, page, smtp_server):  # noqa: F811
    make_topic()
    make_venue("Zittau")
    training = make_event(title="Asylrecht kompakt", place="Dresden")
    team = make_user("team")

    phone.goto(phone.base_url + training.get_absolute_url())
    phone.get_by_role("link", name="Schulung anfragen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Schulung anfragen")
    assert_no_axe_violations(phone)

    phone.get_by_label("Organisation", exact=True).fill(PARISH)
    phone.get_by_label("Kirchgemeinde").check()
    phone.get_by_label("Ansprechperson").fill("Pfarrerin Maria Beispiel")
    phone.get_by_label("E-Mail-Adresse").fill("pfarramt-zittau@example.org")
    phone.get_by_label("Gemeinde", exact=True).fill("Zittauu")
    phone.get_by_label("Zeitfenster 1 von").fill("2027-03-06")
    phone.get_by_label("Erwartete Zahl der Teilnehmer_innen").fill("18")
    phone.get_by_label("Asylverfahren").check()
    phone.get_by_label("Ja, ein Raum ist vorhanden").check()
    phone.get_by_label("Nachricht (optional)", exact=True).fill("Wir begleiten sechs Familien.")
    phone.get_by_label("Ich habe die").check()
    phone.get_by_role("button", name="Anfrage senden").click()
    expect(phone.locator(".error-summary")).to_contain_text("Meinten Sie: Zittau?")
    assert phone.get_by_label("Organisation", exact=True).input_value() == PARISH
    assert_no_axe_violations(phone)

    phone.get_by_label("Gemeinde", exact=True).fill("Zittau")
    if not phone.get_by_label("Ich habe die").is_checked():
        phone.get_by_label("Ich habe die").check()
    phone.get_by_role("button", name="Anfrage senden").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Bitte bestätigen Sie Ihre Anfrage")
    assert_no_axe_violations(phone)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("pfarramt-zittau@example.org")
    phone.goto(phone.base_url + next(p for p in mail.paths if "/bestaetigen/" in p))
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Anfrage bestätigen").click()
    expect(phone.locator(".request-state")).to_contain_text("neu")
    assert_no_axe_violations(phone)
    personal_url = phone.url

    # The team: dashboard, queue, the request; a message, then "Als Angebot planen".
    log_in(page, team)
    page.goto(page.base_url + "/team/anfragen/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=PARISH).click()
    assert_no_axe_violations(page)
    page.get_by_label("Nachricht an die anfragende Person").fill("Der 6. März passt uns. Wir planen!")
    page.get_by_role("button", name="Nachricht senden").click()
    expect(page.locator("body")).to_contain_text("Die Nachricht ist verschickt.")
    page.get_by_role("button", name="Als Angebot planen").click()
    expect(page.locator("body")).to_contain_text("ist angelegt")
    training_request = TrainingRequest.objects.get(organisation=PARISH)
    Event.objects.filter(pk=training_request.event_id).update(contact=make_contact())
    page.goto(page.base_url + f"/team/veranstaltungen/{training_request.event_id}/veroeffentlichen/")
    page.get_by_role("button", name="Jetzt veröffentlichen").click()
    expect(page.locator("body")).to_contain_text("Veröffentlicht")
    page.goto(page.base_url + "/team/anfragen/karte/")
    assert_no_axe_violations(page)

    # The parish sees "geplant" with the event's link, and the team's message.
    phone.goto(personal_url)
    expect(phone.locator(".request-state")).to_contain_text("geplant")
    expect(phone.locator("body")).to_contain_text("Der 6. März passt uns.")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Asylverfahren in Zittau").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Asylverfahren in Zittau")


def test_partner_portal_and_dashboard_panel_are_accessible(page):
    partner = make_user(
        "partner", partner_organisation=make_event(status="draft").partners.create(name="AK Asyl Löbau")
    )
    make_request(organisation="Wartet schon lange", created_days_ago=10)
    make_request(partner_organisation=partner.partner_organisation, organisation="AK Asyl Löbau", place="Löbau")
    log_in(page, make_user("team"))
    expect(page.locator("body")).to_contain_text("Wartet schon lange")
    assert_no_axe_violations(page)
    page.context.clear_cookies()

    # A partner whose events show no names logs in with the password alone.
    page.goto(page.base_url + "/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse", exact=True).fill(partner.email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/team/")
    page.goto(page.base_url + "/team/unsere-anfragen/")
    expect(page.locator("body")).to_contain_text("Löbau")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Schulung anfragen").click()
    assert page.get_by_label("Organisation", exact=True).input_value() == "AK Asyl Löbau"
    assert_no_axe_violations(page)
