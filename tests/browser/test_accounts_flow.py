"""A new installation from an empty database: the first admin, then an invited team member.

No seed_demo: `create_first_admin` prints the set-up link, the admin chooses a password and sets up
the second factor, invites a team member from the accounts page (the mail goes through a real SMTP
server), and the team member does the same from the link in the mail, in a browser of their own.
"""

import io
import re

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from accounts.models import User
from accounts.testing import totp_code
from mail.testing import deliver_outbox
from tests.browser.axe import assert_no_axe_violations
from tests.browser.conftest import _context

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

LINK_PATH = re.compile(r"https?://[^/\s]+(/konto/passwort-neu/einladung/[\w-]+/)")


def set_password_and_second_factor(page, path, email, password):
    """From the set-up link to the back office: password, login, app set-up, recovery codes."""
    page.goto(page.base_url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Passwort festlegen")
    assert_no_axe_violations(page)
    page.get_by_label("Neues Passwort", exact=True).fill(password)
    page.get_by_label("Neues Passwort bestätigen").fill("etwas anderes")
    page.get_by_role("button", name="Passwort speichern").click()
    expect(page.locator(".error-summary")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Neues Passwort", exact=True).fill(password)
    page.get_by_label("Neues Passwort bestätigen").fill(password)
    page.get_by_role("button", name="Passwort speichern").click()
    page.wait_for_url("**/konto/anmelden/")
    expect(page.locator("body")).to_contain_text("Ihr Passwort ist gespeichert")
    page.get_by_label("E-Mail-Adresse", exact=True).fill(email)
    page.get_by_label("Passwort", exact=True).fill(password)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/anmelden/zwei-faktor-einrichten/**")
    device = TOTPDevice.objects.get(user__email=email, confirmed=False)
    page.get_by_label("Code aus der App").fill(totp_code(device))
    page.get_by_role("button", name="Einrichtung abschließen").click()
    page.wait_for_url("**/konto/wiederherstellungscodes/**")
    page.get_by_role("link", name="Ich habe die Codes gesichert – weiter").click()
    page.wait_for_url("**/team/")


def test_first_admin_from_the_command_then_an_invited_team_member(page, browser, live_server, smtp_server):
    assert not User.objects.exists()  # a new installation: no demo data

    out = io.StringIO()
    call_command("create_first_admin", "--email", "leitung@example.org", stdout=out)
    admin_link = LINK_PATH.search(out.getvalue()).group(1)
    set_password_and_second_factor(page, admin_link, "leitung@example.org", "Leitung-Passwort-2026")

    # The link worked once: opened again, it says so and offers nothing.
    page.goto(page.base_url + admin_link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Dieser Link wurde schon benutzt")
    assert page.locator("main form").count() == 0
    assert_no_axe_violations(page)

    page.goto(page.base_url + "/team/")
    page.get_by_role("link", name="Konten", exact=True).click()
    page.wait_for_url("**/team/konten/")
    expect(page.locator("table")).to_contain_text("leitung@example.org")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Person einladen").click()
    assert_no_axe_violations(page)
    page.get_by_label("Vorname").fill("Tina")
    page.get_by_label("Nachname").fill("Team")
    page.get_by_label("E-Mail-Adresse").fill("tina@example.org")
    page.get_by_label("Projektteam").check()
    page.get_by_role("button", name="Einladung senden").click()
    expect(page.locator("body")).to_contain_text("Die Einladung ist unterwegs an tina@example.org")
    expect(page.locator("main dl")).to_contain_text("eingeladen")
    assert_no_axe_violations(page)

    deliver_outbox()
    (mail,) = smtp_server.messages_to("tina@example.org")
    invitation = LINK_PATH.search(mail.text).group(1)

    context = _context(browser, viewport={"width": 1280, "height": 900})
    try:
        tina = context.new_page()
        tina.base_url = live_server.url
        set_password_and_second_factor(tina, invitation, "tina@example.org", "Tina-Passwort-2026")
        expect(tina.locator("body")).to_contain_text("Projektteam")
        assert tina.get_by_role("link", name="Konten", exact=True).count() == 0  # not an admin
    finally:
        context.close()
    context.problems.check()

    page.reload()
    expect(page.locator("main dl")).not_to_contain_text("eingeladen")
    expect(page.locator("main dl")).to_contain_text("aktiv")
    assert User.objects.get(email="tina@example.org").has_usable_password()
