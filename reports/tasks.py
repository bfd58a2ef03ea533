"""Background jobs of reports (enqueued by run_scheduler, see PERIODIC_TASKS in contributions.py)."""

from django_tasks import task

from reports import services


@task()
def record_missing_facts():
    return services.record_missing_facts()
