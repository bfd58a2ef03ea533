"""Security headers Django does not set by itself, and compression where it is safe (see docs/security.md)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

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
