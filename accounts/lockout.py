"""How django-axes names an attempt: the account it was for and the client address it came from.

Every step reads both the same way (the password form, the code form, `services.login_allowed`),
so one account's failures count for that account wherever they come from, one address's
failures count for that address whatever accounts it tries, and nothing is ever counted
against "no account" (which would lock every account at once).
"""

from django.conf import settings


def account_key(address):
    """The typed address as the lock-out counts it: `Anna@Example.org ` is `anna@example.org`."""
    return (address or "").strip().lower() or None


def username(request, credentials):
    """AXES_USERNAME_CALLABLE: the account an attempt was for (login form field `username`)."""
    if credentials is not None:
        return account_key(credentials.get("username"))
    return account_key(getattr(request, "POST", {}).get("username"))


def lockout_parameters(request, credentials=None):
    """AXES_LOCKOUT_PARAMETERS: per account and, separately, per address.

    An attempt without an account (not sent by our forms, but possible through another
    `authenticate()` caller) is counted for its address only, never for "no account".
    """
    if username(request, credentials) is None:
        return ["ip_address"]
    return ["username", "ip_address"]


def client_address(request):
    """AXES_CLIENT_IP_CALLABLE: the same client address the rate limits use.

    Behind a reverse proxy REMOTE_ADDR is the proxy's for everyone; the proxy's header
    (RATELIMIT_IP_META_KEY) names the client, so one person's failures never lock all.
    """
    meta_key = settings.RATELIMIT_IP_META_KEY or "REMOTE_ADDR"
    return (request.META.get(meta_key) or request.META.get("REMOTE_ADDR") or "").strip() or None
