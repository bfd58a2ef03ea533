"""Background jobs of the mail app, and everything that reads or writes the job table.

Jobs are rows of django-tasks-db (`DBTaskResult`) in our own database; `manage.py db_worker` runs
them. Imports flow one way: `mail.services` enqueues through `enqueue_send` here, the send job runs
`mail.delivery`, and delivery imports neither (the job hands it `enqueue_send` for its retries).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mail import delivery
from mail.models import OutboxMessage

logger = logging.getLogger(__name__)

SEND_TASK_PATH = "mail.tasks.send_outbox_message"


def enqueue_send(message_id, *, run_after=None):
    """Put one send job on the task queue (a row in the same database)."""
    job = send_outbox_message.using(run_after=run_after) if run_after else send_outbox_message
    return job.enqueue(message_id=message_id)


@task()
def send_outbox_message(message_id):
    return delivery.deliver(message_id, enqueue_retry=enqueue_send)


@task()
def sweep_outbox():
    requeued, enqueued = sweep()
    return {"requeued": requeued, "enqueued": enqueued}


@task()
def prune_finished_jobs():
    """Keep the job table small: finished jobs after a week, failed ones after a month, and
    jobs still marked running after a day (their worker was killed; the sweep has long since
    re-queued whatever they were sending)."""
    return prune_jobs()


def sweep(now=None):
    """Re-queue rows stuck in `sending`, mark jobs whose worker died as failed, and enqueue a
    job for due rows that have none.

    Idempotent: run it as often as you like; a superfluous job finds nothing to claim.
    Returns (requeued_stuck, enqueued).
    """
    now = now or timezone.now()
    requeued = delivery.requeue_stuck(now)
    fail_abandoned_jobs(now)
    waiting = {
        args_kwargs["kwargs"].get("message_id")
        for args_kwargs in DBTaskResult.objects.filter(
            status=TaskResultStatus.READY, task_path=SEND_TASK_PATH
        ).values_list("args_kwargs", flat=True)
    }
    enqueued = 0
    for message_id in OutboxMessage.objects.due(now).values_list("pk", flat=True):
        if message_id not in waiting:
            enqueue_send(message_id)
            enqueued += 1
    if enqueued:
        logger.info("mail sweep: enqueued %s job(s) for due messages", enqueued)
    return requeued, enqueued


def fail_abandoned_jobs(now=None):
    """Mark jobs still `RUNNING` long after any live worker would have finished them as failed.

    A send job ends within MAIL_SENDING_TIMEOUT (see `mail.delivery._Deadline`); other jobs get
    JOB_RUNNING_TIMEOUT. Should a very slow worker finish after all, its result replaces ours.
    Returns the number of jobs marked.
    """
    now = now or timezone.now()
    send_cutoff = now - timedelta(seconds=settings.MAIL_SENDING_TIMEOUT)
    other_cutoff = now - timedelta(seconds=settings.JOB_RUNNING_TIMEOUT)
    lost = delivery.WorkerLost
    marked = DBTaskResult.objects.filter(
        Q(task_path=SEND_TASK_PATH, started_at__lte=send_cutoff) | Q(started_at__lte=other_cutoff),
        status=TaskResultStatus.RUNNING,
    ).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path=f"{lost.__module__}.{lost.__qualname__}",
        traceback="WorkerLost: the worker running this job stopped before it finished (killed or crashed).\n",
        return_value=None,
    )
    if marked:
        logger.warning("job sweep: %s job(s) whose worker stopped marked as failed", marked)
    return marked


def prune_jobs(now=None):
    now = now or timezone.now()
    deleted, _ = DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.SUCCESSFUL, finished_at__lte=now - timedelta(days=7))
        | Q(status=TaskResultStatus.FAILED, finished_at__lte=now - timedelta(days=30))
        | Q(status=TaskResultStatus.RUNNING, started_at__lte=now - timedelta(days=1))
    ).delete()
    return deleted
