"""The real login views: password, then code (or set-up), lock-out, audit entries."""

import base64
import re
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.testing import TEST_PASSWORD, make_totp_device, make_user, totp_code
from audit.models import Entry
from events.testing import make_event, make_partner

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

LOGIN = "/konto/anmelden/"


def password_step(client, user, password=TEST_PASSWORD, next_url="/team/"):
    return client.post(LOGIN, {"username": user.email, "password": password, "next": next_url})


def actions():
    return list(Entry.objects.order_by("id").values_list("action", flat=True))


def test_first_login_sets_up_the_app_and_shows_recovery_codes_once(client):
    team = make_user("team")
    response = password_step(client, team)
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/zwei-faktor-einrichten/")
    assert SESSION_KEY not in client.session  # not logged in before the code
    assert client.get("/team/")["Location"].startswith("/konto/anmelden/")

    page = client.get(response["Location"])
    html = page.content.decode()
    assert "<svg" in html and "style=" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    device = TOTPDevice.objects.get(user=team, confirmed=False)
    secret = re.search(r"data-totp-secret>([A-Z2-7 ]+)<", html).group(1).replace(" ", "")
    assert len(secret) == 32

    wrong = client.post(response["Location"], {"code": "000000"})
    assert "Dieser Code passt nicht" in wrong.content.decode()
    time.sleep(1.1)  # django-otp makes the device wait 1 s after a wrong code

    done = client.post(response["Location"], {"code": totp_code(device)})
    assert done["Location"].startswith("/konto/wiederherstellungscodes/")
    codes_page = client.get(done["Location"]).content.decode()
    shown = re.findall(r"<li><code>([a-z2-7]+)</code></li>", codes_page)
    assert len(shown) == 10
    assert set(StaticToken.objects.filter(device__user=team).values_list("token", flat=True)) == set(shown)
    assert "<code>" not in client.get("/konto/wiederherstellungscodes/").content.decode()  # only once

    device.refresh_from_db()
    assert device.confirmed
    assert client.session.get_expire_at_browser_close()
    dashboard = client.get("/team/")
    assert dashboard.status_code == 200 and "Dashboard" in dashboard.content.decode()
    assert actions() == [
        "account.otp_failed",
        "account.otp_confirmed",
        "account.recovery_codes_created",
        "account.login",
    ]
    login = Entry.objects.get(action="account.login")
    assert login.actor == team and login.actor_role == "team" and login.details == {"second_factor": "totp"}


def test_second_login_asks_for_the_code(client):
    trainer = make_user("trainer")
    device = make_totp_device(trainer)
    response = password_step(client, trainer)
    assert response["Location"].startswith("/konto/anmelden/code/")
    wrong = client.post(response["Location"], {"code": "123456"})
    assert "Dieser Code passt nicht" in wrong.content.decode()
    assert SESSION_KEY not in client.session
    time.sleep(1.1)  # django-otp's wait after a wrong code
    ok = client.post(response["Location"], {"code": totp_code(device)})
    assert ok["Location"] == "/team/"
    assert client.get("/team/").status_code == 200
    assert actions() == ["account.otp_failed", "account.login"]


def test_a_recovery_code_works_once(client):
    admin = make_user("admin")
    make_totp_device(admin)
    from accounts.services import create_recovery_codes

    codes = create_recovery_codes(user=admin)
    password_step(client, admin)
    assert client.post("/konto/anmelden/code/", {"code": codes[0].upper()})["Location"] == "/team/"
    assert not StaticToken.objects.filter(token=codes[0]).exists()
    assert "account.recovery_code_used" in actions()
    client.logout()
    password_step(client, admin)
    again = client.post("/konto/anmelden/code/", {"code": codes[0]})
    assert "Dieser Code passt nicht" in again.content.decode()


def test_code_step_needs_the_password_step_first(client):
    response = client.get("/konto/anmelden/code/", follow=True)
    assert "zuerst mit E-Mail-Adresse und Passwort" in response.content.decode()


def test_wrong_password_is_logged_without_the_typed_address(client):
    team = make_user("team")
    response = password_step(client, team, password="falsch")
    assert "E-Mail-Adresse oder Passwort stimmen nicht" in response.content.decode()
    client.post(LOGIN, {"username": "unbekannt@example.org", "password": "falsch"})
    entries = list(Entry.objects.filter(action="account.login_failed").order_by("id"))
    assert [(e.target_type, e.target_id) for e in entries] == [("accounts.user", str(team.pk)), ("", "")]
    assert "unbekannt" not in str([e.details for e in entries])


def client_at(address):
    """A browser at its own client address: lock-out counts per account and per address."""
    return Client(REMOTE_ADDR=address)


def without_csrf_tokens(response):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_account_is_locked_after_five_wrong_passwords(client):
    """Five wrong passwords from five addresses lock the account, from every address."""
    team = make_user("team")
    for n in range(5):
        password_step(client_at(f"10.0.0.{n + 1}"), team, password="falsch")
    locked = password_step(client_at("10.0.9.9"), team)  # even the right password, from a fresh address
    assert locked.status_code == 429
    assert "Zu viele Versuche" in locked.content.decode()
    assert "konto/anmelden/code" not in locked.get("Location", "")
    assert "account.locked_out" in actions()


def test_a_locked_account_gives_the_same_answer_for_the_right_and_a_wrong_password():
    team = make_user("team")
    make_totp_device(team)
    for n in range(5):
        password_step(client_at(f"10.0.1.{n + 1}"), team, password="falsch")
    right = password_step(client_at("10.0.8.1"), team)
    wrong = password_step(client_at("10.0.8.2"), team, password="auch-falsch")
    assert (right.status_code, right.get("Location")) == (wrong.status_code, wrong.get("Location")) == (429, None)
    assert without_csrf_tokens(right) == without_csrf_tokens(wrong)


def test_address_is_locked_after_failures_on_different_accounts():
    attacker = client_at("10.0.2.66")
    for user in [make_user("team") for _ in range(5)]:
        password_step(attacker, user, password="falsch")
    fresh = make_user("team")
    assert password_step(attacker, fresh).status_code == 429
    # The same account from another address is not locked: it goes on to the code step.
    assert password_step(client_at("10.0.2.7"), fresh)["Location"].startswith("/konto/anmelden/zwei-faktor")


def test_a_successful_login_clears_only_its_own_account_s_failures():
    """An attacker's own valid account must not wipe the count of the address it attacks from."""
    attacker = client_at("10.0.7.66")
    for user in [make_user("team") for _ in range(3)]:
        password_step(attacker, user, password="falsch")
    own = make_user("multiplier")
    password_step(attacker, own, password="falsch")  # a typo on the own account is forgiven
    assert password_step(attacker, own, next_url="/")["Location"] == "/"
    attacker.post("/konto/abmelden/")
    for user in [make_user("team") for _ in range(2)]:
        password_step(attacker, user, password="falsch")  # 3 + 2 on other accounts: the limit
    assert password_step(attacker, make_user("team")).status_code == 429


def test_failures_spread_over_accounts_and_addresses_lock_nobody_else():
    """Neither one account nor one address reaches the limit: nobody is locked, at either step."""
    for n in range(6):
        password_step(client_at(f"10.0.3.{n + 1}"), make_user("team"), password="falsch")
    client_at("10.0.3.99").post(LOGIN, {"username": "unbekannt@example.org", "password": "falsch"})
    colleague = make_user("team")
    device = make_totp_device(colleague)
    browser = client_at("10.0.4.1")
    assert password_step(browser, colleague)["Location"].startswith("/konto/anmelden/code/")
    done = browser.post("/konto/anmelden/code/", {"code": totp_code(device)})
    assert done["Location"] == "/team/"
    assert int(browser.session[SESSION_KEY]) == colleague.pk
    assert "account.locked_out" not in actions()


def test_an_address_written_differently_counts_for_the_same_account():
    team = make_user("team", email="anna.team@example.org")
    for n, typed in enumerate(["Anna.Team@example.org", " anna.team@EXAMPLE.org", "ANNA.TEAM@example.org"] * 2):
        client_at(f"10.0.5.{n + 1}").post(LOGIN, {"username": typed, "password": "falsch"})
    assert password_step(client_at("10.0.5.99"), team).status_code == 429


def test_behind_a_proxy_the_address_is_the_client_s_not_the_proxy_s(settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    for n in range(5):
        Client(REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP=f"192.0.2.{n + 1}").post(
            LOGIN, {"username": f"niemand{n}@example.org", "password": "falsch"}
        )
    colleague = make_user("team")
    fresh = Client(REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="192.0.2.50")  # same proxy, another person
    assert password_step(fresh, colleague)["Location"].startswith("/konto/anmelden/zwei-faktor")
    repeat = Client(REMOTE_ADDR="10.1.1.1", HTTP_X_REAL_IP="192.0.2.1")
    for n in range(5):
        repeat.post(LOGIN, {"username": f"wer{n}@example.org", "password": "falsch"})
    assert password_step(repeat, colleague).status_code == 429


def test_wrong_codes_count_towards_the_lock_out(client):
    team = make_user("team")
    device = make_totp_device(team)
    browser = client_at("10.0.6.1")
    password_step(browser, team)
    for _ in range(4):
        browser.post("/konto/anmelden/code/", {"code": "000000"})
    locked = browser.post("/konto/anmelden/code/", {"code": "000000"})
    assert locked.status_code == 429
    assert SESSION_KEY not in browser.session
    # The pending login is gone: the right code now does not help.
    assert browser.post("/konto/anmelden/code/", {"code": totp_code(device)})["Location"].startswith(LOGIN)
    # The account is locked from other addresses too; other accounts are not.
    assert password_step(client_at("10.0.6.2"), team).status_code == 429
    assert password_step(client_at("10.0.6.3"), make_user("team")).status_code == 302


def test_roles_without_personal_data_log_in_without_a_code(client):
    multiplier = make_user("multiplier")
    assert password_step(client, multiplier, next_url="/")["Location"] == "/"
    assert int(client.session[SESSION_KEY]) == multiplier.pk
    assert client.get("/team/").status_code == 403


def test_partner_needs_a_code_once_an_event_shows_names(client):
    partner_org = make_partner()
    partner = make_user(User.Role.PARTNER, partner_organisation=partner_org)
    make_event(partners=[partner_org], partners_may_see_names=False)
    assert password_step(client, partner)["Location"] == "/team/"
    client.logout()
    make_event(partners=[partner_org], partners_may_see_names=True)
    assert password_step(client, partner)["Location"].startswith("/konto/anmelden/zwei-faktor-einrichten/")


def test_admin_site_requires_the_two_factor_login(client):
    superuser = User.objects.create_superuser(email="root@example.org", password=TEST_PASSWORD)
    assert client.get("/admin/login/")["Location"].startswith("/konto/anmelden/")
    client.force_login(superuser)  # password only, no code
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/konto/anmelden/")
    assert "Anmelden" in response.content.decode()


def test_logout_is_recorded(client):
    from accounts.testing import login_with_second_factor

    team = make_user("team")
    login_with_second_factor(client, team)
    client.post("/konto/abmelden/")
    assert SESSION_KEY not in client.session
    assert actions() == ["account.logout"]


def test_login_page_in_english(client):
    html = client.get("/en/konto/anmelden/").content.decode()
    assert "Log in" in html and "Forgot your password?" in html


def test_password_alone_cannot_connect_a_second_app(client):
    """Someone who knows only the password must not swap the owner's app for their own."""
    team = make_user("team")
    owners_app = make_totp_device(team)
    assert password_step(client, team)["Location"].startswith("/konto/anmelden/code/")

    setup = client.get("/konto/anmelden/zwei-faktor-einrichten/?next=/team/")
    assert setup["Location"].startswith("/konto/anmelden/code/")
    assert not TOTPDevice.objects.filter(user=team, confirmed=False).exists()

    # Even with an unconfirmed device left over from before, its code does not log in.
    stray = TOTPDevice.objects.create(user=team, name="Authenticator-App", confirmed=False)
    refused = client.post("/konto/anmelden/zwei-faktor-einrichten/", {"code": totp_code(stray)})
    assert refused["Location"].startswith("/konto/anmelden/code/")
    assert SESSION_KEY not in client.session
    assert list(TOTPDevice.objects.filter(user=team, confirmed=True)) == [owners_app]
    assert "account.login" not in actions()


SETUP = "/konto/anmelden/zwei-faktor-einrichten/"


def shown_secret(response):
    return re.search(r"data-totp-secret>([A-Z2-7 ]+)<", response.content.decode()).group(1).replace(" ", "")


def code_from(secret, *, offset_steps=0):
    """What an authenticator app that was given `secret` shows (now, or 30 s × offset later)."""
    return f"{totp(base64.b32decode(secret), drift=offset_steps):06d}"


def test_each_set_up_attempt_gets_its_own_key_and_confirming_one_discards_the_others():
    """Someone else with the password who watches a set-up must not end up with a working app."""
    team = make_user("team")
    owner, intruder = client_at("10.0.9.1"), client_at("10.0.9.2")
    password_step(owner, team)
    password_step(intruder, team)
    owners_key = shown_secret(owner.get(SETUP))
    intruders_key = shown_secret(intruder.get(SETUP))
    assert shown_secret(owner.get(SETUP)) == owners_key  # a reload keeps the key the app has scanned

    done = owner.post(SETUP, {"code": code_from(owners_key)})
    assert done["Location"].startswith("/konto/wiederherstellungscodes/")
    (device,) = TOTPDevice.objects.filter(user=team)  # every other attempt's key is gone
    assert device.confirmed and base64.b32encode(device.bin_key).decode() == owners_key

    # The intruder's app (the code it shows in the next 30 s) opens nothing.
    later = code_from(intruders_key, offset_steps=1)
    assert intruder.post(SETUP, {"code": later})["Location"].startswith("/konto/anmelden/code/")
    refused = intruder.post("/konto/anmelden/code/", {"code": later})
    assert "Dieser Code passt nicht" in refused.content.decode()
    assert SESSION_KEY not in intruder.session
    assert intruders_key != owners_key
    assert [e.actor_id for e in Entry.objects.filter(action="account.login")] == [team.pk]


def test_a_set_up_key_belongs_to_the_browser_and_the_account_that_opened_it():
    first, second = make_user("team"), make_user("team")
    browser = client_at("10.0.9.3")
    password_step(browser, first)
    firsts_key = shown_secret(browser.get(SETUP))
    browser.post("/konto/abmelden/")
    password_step(browser, second)
    seconds_key = shown_secret(browser.get(SETUP))
    assert seconds_key != firsts_key
    done = browser.post(SETUP, {"code": code_from(seconds_key)})
    assert done["Location"].startswith("/konto/wiederherstellungscodes/")
    assert TOTPDevice.objects.get(user=second, confirmed=True)
    assert TOTPDevice.objects.filter(user=first, confirmed=False).count() == 1  # still waiting for its own browser
