"""Suche/Biete on a 390 px phone: an initiative in Bautzen posts "Dolmetscher_innen Arabisch gesucht",
the team approves it, a volunteer replies through the relay; axe-core on every board page."""

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from board import tokens
from board.models import Alert, Post
from board.testing import make_alert, make_post
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from network.testing import make_initiative
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INITIATIVE_ADDRESS = "koordination@willkommen-bautzen.example.org"


def test_initiative_posts_team_approves_volunteer_replies(phone, smtp_server):  # noqa: F811
    make_initiative(name="Willkommen in Bautzen", place="Bautzen", contact_email=INITIATIVE_ADDRESS)
    base = phone.base_url

    phone.goto(base + "/suche-biete/")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Etwas suchen oder anbieten").first.click()
    assert_no_axe_violations(phone)
    phone.get_by_label("Suche", exact=True).check()
    phone.get_by_label("Bereich").select_option("interpreting")
    phone.get_by_label("Überschrift").fill("Dolmetscher_innen Arabisch gesucht")
    phone.get_by_label("Beschreibung").fill("Für Termine im Landratsamt suchen wir Menschen, die Arabisch sprechen.")
    phone.get_by_label("Gemeinde").fill("Bautzen")
    phone.get_by_label("Eine Initiative auf dieser Plattform").check()
    phone.get_by_label("Name der Initiative").fill("Willkommen in Bautzn")
    phone.get_by_label("E-Mail-Adresse (wird nicht veröffentlicht)").fill(INITIATIVE_ADDRESS)
    phone.get_by_label("Datenschutzerklärung gelesen").check()
    phone.get_by_role("button", name="Beitrag senden").click()
    expect(phone.locator("body")).to_contain_text("Wir finden keine Initiative „Willkommen in Bautzn“")
    assert phone.get_by_label("Überschrift").input_value() == "Dolmetscher_innen Arabisch gesucht"
    assert_no_axe_violations(phone)
    phone.get_by_label("Name der Initiative").fill("Willkommen in Bautzen")
    phone.get_by_label("Datenschutzerklärung gelesen").check()
    phone.get_by_role("button", name="Beitrag senden").click()
    phone.get_by_role("heading", name="Bitte bestätigen Sie Ihre E-Mail-Adresse").wait_for()
    assert_no_axe_violations(phone)

    deliver_outbox()
    (mail,) = smtp_server.messages_to(INITIATIVE_ADDRESS)
    phone.goto(base + next(p for p in mail.paths if "/bestaetigen/" in p))
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Ja, Beitrag bestätigen").click()
    expect(phone.locator("body")).to_contain_text("Das Projektteam prüft ihn")
    assert_no_axe_violations(phone)

    team = make_user("team", email="team-board@example.org")
    log_in(phone, team)
    phone.goto(base + "/team/suche-biete/")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Suche: Dolmetscher_innen Arabisch gesucht").click()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Freigeben").click()
    expect(phone.locator("body")).to_contain_text("ist freigegeben und öffentlich sichtbar")
    assert_no_axe_violations(phone)
    phone.context.clear_cookies()

    phone.goto(base + "/suche-biete/?ort=Bautzen&umkreis=20&art=need")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Dolmetscher_innen Arabisch gesucht").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Dolmetscher_innen Arabisch gesucht")
    assert INITIATIVE_ADDRESS not in phone.content()
    assert_no_axe_violations(phone)
    phone.get_by_label("Ihr Name").fill("Rana")
    phone.get_by_label("Ihre E-Mail-Adresse").fill("rana.privat@example.net")
    phone.get_by_label("Ihre Nachricht").fill("Ich spreche Arabisch und habe dienstags Zeit.")
    phone.get_by_role("button", name="Nachricht senden").click()
    phone.get_by_role("heading", name="Ihre Nachricht ist unterwegs").wait_for()
    assert_no_axe_violations(phone)

    deliver_outbox()
    (reply,) = [m for m in smtp_server.messages_to(INITIATIVE_ADDRESS) if "dienstags Zeit" in m.text]
    assert b"rana.privat@example.net" not in reply.raw
    assert Post.objects.get().status == "published"


def test_every_other_board_page_passes_axe(phone, smtp_server):  # noqa: F811
    base = phone.base_url
    post = make_post(title="Biete Fahrten nach Dresden", kind="offer", category="transport")
    token = tokens.personal_token(post)

    phone.goto(base + f"/suche-biete/{post.pk}/melden/")
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Meldung senden").click()
    expect(phone.locator("body")).to_contain_text("Bitte wählen Sie einen Grund.")
    assert_no_axe_violations(phone)
    phone.get_by_label("Werbung oder Spam").check()
    phone.get_by_role("button", name="Meldung senden").click()
    expect(phone.locator("body")).to_contain_text("Danke für Ihre Meldung")

    for path in ("", "aendern/", "loeschen/"):
        phone.goto(base + f"/suche-biete/mein-beitrag/{token}/{path}")
        assert_no_axe_violations(phone)
    phone.goto(base + f"/suche-biete/mein-beitrag/{token}/")
    phone.get_by_role("button", name="Beitrag verlängern").click()
    expect(phone.locator("body")).to_contain_text("Ihr Beitrag gilt jetzt bis")
    phone.get_by_role("link", name="Beitrag löschen").click()
    phone.get_by_role("button", name="Ja, endgültig löschen").click()
    phone.get_by_role("heading", name="Ihr Beitrag ist gelöscht").wait_for()
    assert_no_axe_violations(phone)

    phone.goto(base + "/suche-biete/bestaetigen/kaputt/")
    assert_no_axe_violations(phone)
    phone.get_by_label("Ihre E-Mail-Adresse").fill("niemand@example.org")
    phone.get_by_role("button", name="Link anfordern").click()
    phone.get_by_role("heading", name="Bitte sehen Sie in Ihr Postfach").wait_for()
    assert_no_axe_violations(phone)
    phone.goto(base + "/suche-biete/link/")
    assert_no_axe_violations(phone)

    phone.goto(base + "/suche-biete/benachrichtigung/?art=offer&kreis=bautzen")
    assert_no_axe_violations(phone)
    phone.get_by_label("Ihre E-Mail-Adresse").fill("helfer@example.net")
    phone.get_by_label("Datenschutzerklärung gelesen").check()
    phone.get_by_role("button", name="Benachrichtigung bestellen").click()
    phone.get_by_role("heading", name="Bitte bestätigen Sie Ihre E-Mail-Adresse").wait_for()
    assert_no_axe_violations(phone)
    alert = Alert.objects.get(email="helfer@example.net")
    assert alert.kind == "offer" and alert.district.slug == "bautzen"
    phone.goto(base + f"/suche-biete/benachrichtigung/bestaetigen/{tokens.alert_confirm_token(alert)}/")
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Ja, Benachrichtigung bestätigen").click()
    phone.get_by_role("heading", name="Ihre Benachrichtigung ist bestätigt").wait_for()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Benachrichtigung abbestellen").click()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Jetzt abbestellen").click()
    phone.get_by_role("heading", name="Abbestellt").wait_for()
    assert_no_axe_violations(phone)
    assert not Alert.objects.exists()

    reported = make_post(title="Gemeldeter Beitrag", status="published")
    reported.reports.create(reason="spam")
    make_alert()
    log_in(phone, make_user("admin", email="admin-board@example.org"))
    for path in (
        "/team/suche-biete/?liste=reported",
        f"/team/suche-biete/{reported.pk}/",
        "/team/suche-biete/?liste=closed",
    ):
        phone.goto(base + path)
        assert_no_axe_violations(phone)
    phone.goto(base + f"/team/suche-biete/{reported.pk}/")
    phone.get_by_role("button", name="Vom Netz nehmen").click()
    expect(phone.locator("body")).to_contain_text("Bitte schreiben Sie eine Begründung")
    assert_no_axe_violations(phone)
