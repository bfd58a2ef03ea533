"""Writes for initiatives: proposing, reviewing, editing."""

import logging

from django.db import transaction
from django.utils import timezone

from audit.services import record
from core import slugs
from network.models import Initiative

logger = logging.getLogger(__name__)
# Paths under /initiativen/ that a slug must never shadow.
RESERVED_SLUGS = {"karte", "vorschlagen", "verwaltung", "en"}
MAX_SLUG_BASE = 70


def unique_slug(name: str, *, exclude_pk=None) -> str:
    return slugs.unique_slug(
        name,
        Initiative.objects.all(),
        max_length=MAX_SLUG_BASE,
        fallback="initiative",
        reserved=RESERVED_SLUGS,
        exclude_pk=exclude_pk,
    )


@transaction.atomic
def propose_initiative(*, form) -> Initiative:
    """Save a public proposal; it stays invisible until the team approves it."""
    initiative = form.save(commit=False)
    initiative.status = Initiative.Status.PROPOSED
    initiative.slug = unique_slug(initiative.name)
    for name, value in form.consent().as_fields().items():
        setattr(initiative, name, value)
    initiative.save()
    logger.info("initiative %s proposed", initiative.pk)
    return initiative


@transaction.atomic
def save_initiative(*, form, by, request=None) -> Initiative:
    """Staff edit: the slug stays stable so shared links keep working."""
    initiative = form.save()
    record(
        actor=by, action="initiative.changed", target=initiative, details={"fields": form.changed_data}, request=request
    )
    return initiative


def _review(initiative, status, by, request, *, action):
    initiative.status = status
    initiative.reviewed_at = timezone.now()
    initiative.reviewed_by = by
    initiative.save(update_fields=["status", "reviewed_at", "reviewed_by", "updated_at"])
    record(actor=by, action=action, target=initiative, request=request)
    return initiative


@transaction.atomic
def approve_initiative(*, initiative: Initiative, by, request=None) -> Initiative:
    return _review(initiative, Initiative.Status.APPROVED, by, request, action="initiative.approved")


@transaction.atomic
def reject_initiative(*, initiative: Initiative, by, request=None) -> Initiative:
    return _review(initiative, Initiative.Status.REJECTED, by, request, action="initiative.rejected")
