"""The retention rule of training requests (run by privacy's hourly job, declared in contributions)."""

from django.conf import settings

from core.dates import months
from training_requests.models import TrainingRequest
from training_requests.services import anonymise


def anonymise_closed_requests(*, now):
    """Requests closed (held, declined, withdrawn) longer than the configured months ago, and
    unconfirmed ones after the same time since they were sent."""
    period = settings.PRIVACY_RETENTION["training_request_months_after_closed"]
    cutoff = now - months(period)
    closed = TrainingRequest.objects.filter(anonymised_at__isnull=True, closed_at__lt=cutoff)
    unconfirmed = TrainingRequest.objects.filter(
        anonymised_at__isnull=True, email_confirmed_at__isnull=True, created_at__lt=cutoff
    )
    return {"training_requests": anonymise(closed, now=now) + anonymise(unconfirmed, now=now)}
