"""The newsletter in a browser: a visitor on a phone subscribes for Landkreis Görlitz and confirms;
the team counts recipients, sends and reads the report. axe-core on every page on the way."""

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from newsletter.models import Sending, Subscriber
from newsletter.testing import make_issue, make_subscriber
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_visitor_subscribes_for_goerlitz_and_confirms(phone, smtp_server):  # noqa: F811
    make_issue()

    phone.goto(phone.base_url + "/newsletter/")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="02/2015: Erste Unterstützer_innen-Schulungen").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("02/2015")
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Newsletter bestellen").click()
    phone.get_by_label("E-Mail-Adresse").wait_for()  # the sign-up page has loaded (axe needs a document)
    assert_no_axe_violations(phone)
    phone.get_by_label("E-Mail-Adresse").fill("helga-ohne-at")
    phone.get_by_label("Görlitz", exact=True).check()
    phone.get_by_role("button", name="Newsletter bestellen").click()
    expect(phone.locator("body")).to_contain_text("name@beispiel.de")
    assert phone.get_by_label("Görlitz", exact=True).is_checked()
    assert_no_axe_violations(phone)

    phone.get_by_label("E-Mail-Adresse").fill("helga@example.org")
    phone.get_by_label("Datenschutzerklärung", exact=False).check()
    phone.get_by_role("button", name="Newsletter bestellen").click()
    phone.get_by_role("heading", name="Bitte sehen Sie in Ihr Postfach").wait_for()
    assert_no_axe_violations(phone)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("helga@example.org")
    confirm = next(p for p in mail.paths if "/bestaetigen/" in p)
    phone.goto(phone.base_url + confirm)
    assert_no_axe_violations(phone)
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    phone.get_by_role("button", name="Newsletter bestätigen").click()
    phone.get_by_role("heading", name="Ihr Newsletter-Abonnement").wait_for()
    assert phone.get_by_label("Görlitz", exact=True).is_checked()
    assert_no_axe_violations(phone)
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.ACTIVE
    assert [d.short_name for d in subscriber.districts.all()] == ["Görlitz"]

    phone.goto(phone.url.replace("/abo/", "/abmelden/"))
    assert_no_axe_violations(phone)


def test_team_counts_sends_and_reads_the_report(page, smtp_server):  # noqa: F811
    issue = make_issue()
    make_subscriber("leser1@example.org")
    make_subscriber("leser2@example.org")
    team = make_user("team")
    log_in(page, team)

    page.goto(page.base_url + "/team/newsletter/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Neue Ausgabe").click()
    assert_no_axe_violations(page)
    page.goto(page.base_url + f"/team/newsletter/ausgaben/{issue.pk}/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Empfänger_innen wählen und senden").click()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Empfänger_innen zählen").click()
    expect(page.locator("body")).to_contain_text("2 Empfänger_innen für diese Auswahl.")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="An 2 Empfänger_innen senden").click()
    page.get_by_role("heading", name="Versand der Ausgabe 02/2015").wait_for()
    assert_no_axe_violations(page)

    deliver_outbox()
    from newsletter.services import resume_sendings

    resume_sendings()
    assert Sending.objects.get().status == Sending.Status.DONE
    page.reload()
    expect(page.locator("body")).to_contain_text("Abschlussbericht")
    assert_no_axe_violations(page)
    assert len(smtp_server.messages) == 2
