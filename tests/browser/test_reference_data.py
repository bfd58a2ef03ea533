"""A team member keeps the Stammdaten through the pages: a topic, a partner and a contact person,
then picks them on the event form; axe on every new page (list, form, errors, usage, delete)."""

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from events.models import Contact, Event, Partner, Topic
from events.testing import make_event
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def create(page, kind_link, fields, *, saved):
    page.goto(page.base_url + "/team/stammdaten/")
    page.get_by_role("link", name=kind_link, exact=True).click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Neuen Eintrag anlegen").click()
    assert_no_axe_violations(page)
    for label, value in fields.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text(f"„{saved}“ ist gespeichert.").wait_for()


def test_team_member_creates_topic_partner_and_contact_and_uses_them(page):
    event = make_event(title="Schulung Plauen", place="Plauen", status="draft")
    Event.objects.filter(pk=event.pk).update(contact=None)
    log_in(page, make_user("team", email="team-stammdaten@example.org"))

    page.get_by_role("link", name="Stammdaten").first.click()
    expect(page.get_by_role("heading", name="Stammdaten")).to_be_visible()
    assert_no_axe_violations(page)

    create(page, "Themen", {"Name (deutsch)": "Arbeitsmarkt", "Name (englisch)": "Labour market"}, saved="Arbeitsmarkt")
    assert Topic.objects.get(name="Arbeitsmarkt").slug == "arbeitsmarkt"
    create(page, "Kooperationspartner_innen", {"Name": "Initiative Plauen hilft"}, saved="Initiative Plauen hilft")
    assert Partner.objects.filter(name="Initiative Plauen hilft").exists()

    # A bad e-mail address: the error summary, the input kept; then the contact person from the event form.
    page.goto(page.base_url + f"/team/veranstaltungen/{event.pk}/bearbeiten/")
    page.get_by_role("link", name="Ansprechperson fehlt? Neue Ansprechperson anlegen").click()
    page.get_by_label("Funktion").fill("Projektbüro Plauen")
    page.get_by_label("Büro-E-Mail").fill("plauen-at-example")
    page.get_by_role("button", name="Speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.get_by_label("Funktion")).to_have_value("Projektbüro Plauen")
    assert_no_axe_violations(page)
    page.get_by_label("Büro-E-Mail").fill("plauen@example.org")
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(f"**/team/veranstaltungen/{event.pk}/bearbeiten/")
    contact = Contact.objects.get(role="Projektbüro Plauen")

    page.get_by_label("Ansprechpartner_in").select_option(str(contact.pk))
    page.get_by_label("Arbeitsmarkt").check()
    page.get_by_label("Initiative Plauen hilft").check()
    page.get_by_role("button", name="Änderungen speichern").click()
    page.get_by_text("Die Änderungen sind gespeichert.").wait_for()
    event.refresh_from_db()
    assert event.contact == contact
    assert [t.name for t in event.topics.all()] == ["Arbeitsmarkt"]

    # The topic is in use now: its page names the event; deleting is refused and offers archiving.
    topic = Topic.objects.get(name="Arbeitsmarkt")
    page.goto(page.base_url + f"/team/stammdaten/themen/{topic.pk}/")
    expect(page.get_by_text("Wird von 1 Veranstaltung verwendet:")).to_be_visible()
    assert_no_axe_violations(page)
    page.goto(page.base_url + f"/team/stammdaten/themen/{topic.pk}/loeschen/")
    expect(page.get_by_text("kann nicht gelöscht werden")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Archivieren").click()
    page.get_by_text("„Arbeitsmarkt“ ist archiviert").wait_for()
    assert_no_axe_violations(page)
    topic.refresh_from_db()
    assert topic.archived

    # An unused item: the delete confirmation.
    unused = Partner.objects.create(name="Nie verwendet e.V.")
    page.goto(page.base_url + f"/team/stammdaten/kooperationspartner/{unused.pk}/loeschen/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Eintrag löschen").click()
    page.get_by_text("„Nie verwendet e.V.“ ist gelöscht.").wait_for()
    assert not Partner.objects.filter(pk=unused.pk).exists()
