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
