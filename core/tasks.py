"""Periodic jobs of the core app (enqueued by `manage.py run_scheduler` from settings.PERIODIC_TASKS)."""

from django_tasks import task

from core.guards import prune_used_tokens


@task()
def prune_used_form_tokens():
    return {"deleted": prune_used_tokens()}
