"""Periodic jobs (declared in the app's contributions; `manage.py run_scheduler` enqueues them)."""

from django_tasks import task

from registrations import services


@task()
def lapse_unconfirmed():
    return services.lapse_unconfirmed()


@task()
def expire_offers():
    return services.expire_offers()


@task()
def send_reminders():
    return services.send_due_reminders()
