"""Logging in through the real pages: password, then the code from the authenticator app."""

from accounts.testing import TEST_PASSWORD, make_totp_device, totp_code


def log_in(page, user, *, start="/konto/anmelden/", lands="**/team/", device=None, on_code_page=None):
    """Log `user` in with password and TOTP code; returns the device.

    `start` is the path to open first (None: the login form is already open), `lands` the URL
    pattern the code leads to, `on_code_page` a check to run on the code page (e.g. axe)."""
    device = device or make_totp_device(user)
    if start is not None:
        page.goto(page.base_url + start)
    page.get_by_label("E-Mail-Adresse", exact=True).fill(user.email)
    page.get_by_label("Passwort").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url("**/konto/anmelden/code/**")
    if on_code_page is not None:
        on_code_page(page)
    page.get_by_label("Bestätigungscode").fill(totp_code(device))
    page.get_by_role("button", name="Code bestätigen").click()
    page.wait_for_url(lands)
    return device
