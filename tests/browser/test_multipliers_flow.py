"""The multiplier programme in a browser: a volunteer in Görlitz finds a multiplier for
"Asylverfahren" within 40 km on a phone and writes through the relay; the multiplier logs a
consultation on a phone; the team's cohort pages and the participant's progress; axe on every page."""

import time

import pytest
from playwright.sync_api import expect

from accounts.testing import TEST_PASSWORD
from events.testing import make_topic
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from multipliers.models import Consultation
from multipliers.testing import attend, enrol, make_course, make_multiplier
from registrations.tokens import personal_token
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_volunteer_in_goerlitz_finds_a_multiplier_and_writes_through_the_relay(phone, smtp_server):  # noqa: F811
    asyl = make_topic()
    make_multiplier(name="Mira B.", place="Löbau", topics=[asyl], email="mira.privat@example.org")
    make_multiplier(name="Sara N.", place="Leipzig", topics=[asyl])

    phone.goto(phone.base_url + "/multiplikatorinnen/")
    assert_no_axe_violations(phone)
    phone.get_by_label("Ort").fill("Görlitz")
    phone.get_by_label("Umkreis").select_option("40")
    phone.get_by_label("Thema").select_option("asylverfahren")
    phone.get_by_role("button", name="Multiplikator_innen anzeigen").click()
    expect(phone.locator(".result-count")).to_have_text("1 Multiplikator_in gefunden")
    assert "Sara N." not in phone.locator(".cards").inner_text()
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Mira B.").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mira B.")
    assert "mira.privat@example.org" not in phone.content()
    assert_no_axe_violations(phone)
    phone.get_by_label("Ihr Name").fill("Volker")
    phone.get_by_label("Ihre E-Mail-Adresse").fill("volker.privat@example.net")
    phone.get_by_label("Ihre Nachricht").fill("Ich suche Rat zum Asylverfahren in Görlitz.")
    phone.get_by_role("button", name="Nachricht senden").click()
    phone.get_by_role("heading", name="Ihre Nachricht ist unterwegs").wait_for()
    assert "mira.privat@example.org" not in phone.content()
    assert_no_axe_violations(phone)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("mira.privat@example.org")
    assert "Ich suche Rat zum Asylverfahren in Görlitz." in mail.text
    assert b"volker.privat@example.net" not in mail.raw


def test_a_multiplier_logs_a_consultation_on_a_phone(phone):
    make_topic()
    profile = make_multiplier(name="Mira B.", place="Görlitz", listed=False)
    phone.goto(phone.base_url + "/multiplikator/beratungen/")
    phone.get_by_label("E-Mail-Adresse", exact=True).fill(profile.user.email)
    phone.get_by_label("Passwort").fill(TEST_PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.wait_for_url("**/multiplikator/beratungen/")
    assert_no_axe_violations(phone)

    started = time.monotonic()
    phone.get_by_label("Landkreis").select_option(label="Görlitz")
    phone.get_by_label("Gemeinde").fill("Görlitz")
    phone.get_by_label("Asylverfahren").check()
    phone.get_by_label("Geflüchtete Person").check()
    phone.get_by_label("bis 30 Minuten").check()
    phone.get_by_role("button", name="Beratung eintragen").click()
    expect(phone.locator("body")).to_contain_text("Die Beratung ist eingetragen.")
    assert time.monotonic() - started < 30
    assert_no_axe_violations(phone)
    (entry,) = Consultation.objects.all()
    assert entry.multiplier == profile.user and entry.advised == "refugee"

    phone.get_by_role("link", name="Löschen").click()
    assert_no_axe_violations(phone)
    phone.goto(phone.base_url + "/multiplikator/")
    assert_no_axe_violations(phone)
    phone.get_by_label("Mein Profil öffentlich zeigen").check()
    phone.get_by_role("button", name="Profil speichern").click()
    expect(phone.locator("body")).to_contain_text("Bitte stimmen Sie zu")
    assert_no_axe_violations(phone)


def test_the_team_s_cohort_pages_and_the_participant_s_progress(page, team):
    course = make_course(days_ahead=-20)
    done = make_course(title="Abgeschlossene Fortbildung")
    for n in range(3):
        attend(enrol(course), *range(1, n + 2))
    finished = enrol(done, name="Fertig Person")
    attend(finished, 1, 2, 3, 4, 5, 6)
    make_multiplier()
    log_in(page, team)
    for path in (
        f"/team/veranstaltungen/{course.pk}/kohorte/",
        f"/team/veranstaltungen/{course.pk}/abschlussregel/",
        f"/team/veranstaltungen/{done.pk}/zertifikate/",
        f"/team/veranstaltungen/{done.pk}/kohorte/",
        "/team/beratungen/",
    ):
        page.goto(page.base_url + path)
        assert_no_axe_violations(page)
    page.goto(page.base_url + f"/team/veranstaltungen/{course.pk}/abschlussregel/")
    page.get_by_label("Mindestzahl der Module").fill("9")
    page.get_by_role("button", name="Regel speichern").click()
    expect(page.locator("body")).to_contain_text("Bitte prüfen Sie Ihre Angaben")
    assert_no_axe_violations(page)
    page.goto(page.base_url + f"/anmeldung/{personal_token(finished)}/")
    expect(page.locator("body")).to_contain_text("Sie haben die Fortbildung abgeschlossen.")
    assert_no_axe_violations(page)
