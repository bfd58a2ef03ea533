"""Clients for the security tests: real accounts with a completed two-factor login where installed."""

import itertools

from django.apps import apps
from django.test import Client

from accounts.models import User

_numbers = itertools.count(1)


def make_user(role="team", **fields):
    n = next(_numbers)
    defaults = {"email": f"{role}{n}@example.org", "first_name": "Team", "last_name": f"Mitglied {n}"}
    user = User.objects.create_user(password="a-long-test-password-1", role=role, **{**defaults, **fields})
    if role == "admin":
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    return user


def verified_client(user):
    """A client logged in as `user`, with the second factor done the way django-otp records it."""
    client = Client()
    client.force_login(user)
    if apps.is_installed("django_otp.plugins.otp_totp"):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def staff_client(role="admin"):
    return verified_client(make_user(role))
