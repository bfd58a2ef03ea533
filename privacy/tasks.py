"""Periodic jobs (declared in the app's contributions; `manage.py run_scheduler` enqueues them)."""

from django_tasks import task

from privacy.retention import apply_retention as apply_retention_rules


@task()
def apply_retention():
    # Counts only: the result is stored with the job and must carry no personal data.
    return dict(apply_retention_rules())
