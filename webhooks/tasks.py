"""Background jobs of the webhooks app: one attempt per job, and the sweep (every minute) that
picks up deliveries whose job was lost and attempts whose worker died."""

import logging

from django_tasks import task

from webhooks import services
from webhooks.sending import send

logger = logging.getLogger(__name__)


@task()
def deliver(delivery_id):
    delivery = services.claim(delivery_id)
    if delivery is None:
        return "not due"  # delivered, claimed by another worker, paused, or waiting for its retry
    attempt = send(delivery)
    outcome = services.record_attempt(
        delivery=delivery,
        ok=attempt.ok,
        status_code=attempt.status_code,
        duration_ms=attempt.duration_ms,
        error=attempt.error,
    )
    logger.info("webhook delivery id=%s attempt=%s outcome=%s", delivery.pk, delivery.attempts, outcome)
    return outcome


@task()
def sweep_deliveries():
    requeued = services.requeue_stuck()
    due = services.due_ids(grace_seconds=60)
    for delivery_id in due:
        services.enqueue(delivery_id)
    return {"requeued": requeued, "enqueued": len(due)}
