"""Security headers Django does not set by itself (see docs/security.md)."""

from django.utils.cache import patch_cache_control

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
    ]
)
PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), microphone=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


# The URL argument that carries a personal link's signed token (registrations, privacy
# self-service, certificates, feedback, password reset): such a URL is a key to someone's data.
PERSONAL_LINK_ARGUMENT = "token"


def holds_personal_data(request) -> bool:
    """A response for a logged-in account (every back-office, staff, account and admin page sits
    behind a login) or for a personal link."""
    match = getattr(request, "resolver_match", None)
    if match is not None and PERSONAL_LINK_ARGUMENT in match.kwargs:
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class PrivatePagesMiddleware:
    """`Cache-Control: no-store` on every response that may hold personal data.

    Keyed on who asks and how, not on each view: a new back-office page or personal-link page
    is covered without anyone remembering a decorator. Public pages for anonymous visitors keep
    their caching as it is. Must come after the authentication middleware (it reads request.user).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if holds_personal_data(request):
            patch_cache_control(response, no_store=True)
        return response
