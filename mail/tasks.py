"""Background jobs of the mail app (Django's tasks API, database backend, `manage.py db_worker`)."""

from django_tasks import task

from mail import delivery


@task()
def send_outbox_message(message_id):
    return delivery.deliver(message_id)


@task()
def sweep_outbox():
    requeued, enqueued = delivery.sweep()
    return {"requeued": requeued, "enqueued": enqueued}


@task()
def prune_finished_jobs():
    """Keep the job table small: finished jobs after a week, failed ones after a month, and
    jobs still marked running after a day (their worker was killed; the sweep has long since
    re-queued whatever they were sending)."""
    return delivery.prune_jobs()
