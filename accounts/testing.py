"""Accounts for tests: real users, TOTP devices and codes, and a login with the second factor."""

import itertools

from accounts.models import User

TEST_PASSWORD = "Kulturbüro-Sachsen-2026!"  # noqa: S105 (test data)

_counter = itertools.count(1)


def make_user(role="team", *, email=None, partner_organisation=None, **fields):
    n = next(_counter)
    return User.objects.create_user(
        email=email or f"{role}-{n}@example.org",
        password=TEST_PASSWORD,
        role=role,
        first_name=fields.pop("first_name", role.capitalize()),
        last_name=fields.pop("last_name", f"Nr. {n}"),
        partner_organisation=partner_organisation,
        **fields,
    )


def make_totp_device(user, *, key=None):
    """A confirmed authenticator-app device; compute codes with `totp_code(device)`."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    values = {"user": user, "name": "Authenticator-App", "confirmed": True}
    if key:
        values["key"] = key
    return TOTPDevice.objects.create(**values)


def totp_code(device, *, offset_steps=0):
    """The code the app shows now (or `offset_steps` × 30 s later), computed like the app does."""
    from django_otp.oath import totp

    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset_steps)
    return f"{code:0{device.digits}d}"


def login_with_second_factor(client, user):
    """Log `client` in as `user` with a completed two-factor login (no views involved).

    For pages behind the back office's permission checks; the real login flow is tested in accounts/."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or make_totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
