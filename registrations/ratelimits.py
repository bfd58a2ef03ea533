"""Rate limits for the registration forms (counting is core.guards.over_limit).

The per-address limit counts attempts, not registrations, so hitting it says nothing about
whether an address is registered."""

from django.conf import settings

from core.guards import over_limit


def ip_limited(request, group):
    return over_limit(request, group=f"registrations:{group}:ip", key="ip", rate=settings.REGISTRATION_RATE_PER_IP)


def email_limited(request, group, email):
    return over_limit(
        request,
        group=f"registrations:{group}:email",
        key=lambda _group, _request: email,
        rate=settings.REGISTRATION_RATE_PER_EMAIL,
    )
