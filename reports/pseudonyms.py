"""Keyed pseudonyms: the one fact that lets reports count a person once after their address is gone.

`pseudonym(email)` is the HMAC-SHA256 of the normalised address under a key kept outside the
database (settings.REPORTS_PSEUDONYM_KEY, else one derived from SECRET_KEY). Without the key, the
stored value cannot be turned back into an address, nor confirmed by hashing a guessed one; with
the key, an erasure request finds the person's pseudonyms again and deletes them
(docs/security.md, "Reports").
"""

import hashlib
import hmac

from django.conf import settings


def _key() -> bytes:
    configured = getattr(settings, "REPORTS_PSEUDONYM_KEY", "")
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"sfi.reports.pseudonym", hashlib.sha256).digest()


def normalised(email: str) -> str:
    return (email or "").strip().casefold()


def pseudonym(email: str) -> str:
    """The person's pseudonym, or "" for no address (such a registration counts as its own person)."""
    address = normalised(email)
    if not address or address.endswith(".invalid"):
        return ""
    return hmac.new(_key(), address.encode(), hashlib.sha256).hexdigest()
