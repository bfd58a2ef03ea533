"""Signed links of a training request: the personal link (no expiry) and the address confirmation
link (expires after TRAINING_REQUEST_CONFIRM_HOURS).

Both sign only the request's random UUID, so a URL carries no personal data and cannot be guessed
or altered; each kind has its own salt, so one can never be used as the other.
"""

import uuid

from django.conf import settings
from django.core import signing

from training_requests.models import TrainingRequest

PERSONAL_SALT = "training_requests.personal-link.v1"
CONFIRM_SALT = "training_requests.confirm-address.v1"


def personal_token(training_request):
    return signing.Signer(salt=PERSONAL_SALT).sign(training_request.uuid.hex)


def confirm_token(training_request):
    return signing.dumps(training_request.uuid.hex, salt=CONFIRM_SALT)


def request_for_personal_token(token):
    """The request a personal link points at, or None (tampered, unknown or anonymised)."""
    try:
        value = uuid.UUID(hex=signing.Signer(salt=PERSONAL_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None
    return (
        TrainingRequest.objects.select_related("municipality__district", "event")
        .filter(uuid=value, anonymised_at__isnull=True)
        .first()
    )


def request_for_confirm_token(token):
    """(request or None, expired?)"""
    try:
        value = signing.loads(token, salt=CONFIRM_SALT, max_age=settings.TRAINING_REQUEST_CONFIRM_HOURS * 3600)
    except signing.SignatureExpired:
        return None, True
    except signing.BadSignature:
        return None, False
    return TrainingRequest.objects.filter(uuid=value, anonymised_at__isnull=True).first(), False
