"""Periodic jobs of the core app (declared in the app's contributions; `manage.py run_scheduler` enqueues them)."""

from django_tasks import task

from core.guards import prune_used_tokens


@task()
def prune_used_form_tokens():
    return {"deleted": prune_used_tokens()}
