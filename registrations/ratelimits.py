"""Rate limits for the public forms (django-ratelimit on Django's cache).

The per-address limit counts attempts, not registrations, so hitting it says nothing about
whether an address is registered."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited


def _limited(request, group, key, rate):
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def ip_limited(request, group):
    return _limited(request, f"registrations:{group}:ip", "ip", settings.REGISTRATION_RATE_PER_IP)


def email_limited(request, group, email):
    return _limited(
        request, f"registrations:{group}:email", lambda _group, _request: email, settings.REGISTRATION_RATE_PER_EMAIL
    )
