"""Security headers Django does not set by itself, and compression where it is safe (see docs/security.md)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
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


# Text worth compressing; downloads (PDF, XLSX) and static files (WhiteNoise, precompressed) are not.
_COMPRESSIBLE = ("text/", "application/xml", "application/atom+xml", "application/json", "image/svg+xml")


class PublicGZipMiddleware(GZipMiddleware):
    """Gzip only responses that carry no secret (docs/security.md, "Compression side channel").

    BREACH: when a compressed page holds a secret and text an attacker controls (a search term
    echoed back), its compressed length reveals the secret byte by byte. Django's masking of
    CSRF tokens and the random bytes GZipMiddleware adds make that slow, not impossible, so
    compression is left out where a secret is: a CSRF token was rendered (the response sets the
    CSRF cookie), someone is logged in (back office: names, addresses), the URL holds a personal
    token (/anmeldung/<token>/ …), or the response is marked private/no-store (exports, PDFs,
    pages with personal data). Public pages, feeds and calendars are compressed."""

    def process_response(self, request, response):
        if "gzip" not in request.META.get("HTTP_ACCEPT_ENCODING", ""):
            return response
        if not self._carries_no_secret(request, response):
            return response
        return super().process_response(request, response)

    @staticmethod
    def _carries_no_secret(request, response):
        if response.streaming or not response.get("Content-Type", "").startswith(_COMPRESSIBLE):
            return False
        if settings.CSRF_COOKIE_NAME in response.cookies:
            return False
        cache_control = response.get("Cache-Control", "")
        if "private" in cache_control or "no-store" in cache_control:
            return False
        match = getattr(request, "resolver_match", None)
        if match is not None and "token" in match.kwargs:
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated
