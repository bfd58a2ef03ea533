"""Background jobs of the newsletter: one batch of a sending per minute, and the safety net."""

from django_tasks import task

from newsletter import services


@task()
def send_batch(sending_id):
    return services.queue_batch(sending_id=sending_id)


@task()
def resume_sendings():
    return services.resume_sendings()
