"""core's run_scheduler enqueues the periodic tasks of settings.PERIODIC_TASKS."""

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from core.management.commands.run_scheduler import load_schedule, run_due

pytestmark = pytest.mark.django_db


def test_each_task_is_enqueued_at_start_and_then_every_interval():
    schedule = load_schedule([("mail.tasks.sweep_outbox", 60)])
    next_run = {}
    assert run_due(schedule, next_run, now=1000) == ["mail.tasks.sweep_outbox"]
    assert run_due(schedule, next_run, now=1030) == []
    assert run_due(schedule, next_run, now=1060) == ["mail.tasks.sweep_outbox"]
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["mail.tasks.sweep_outbox"] * 2


def test_once_enqueues_every_configured_task(settings):
    settings.PERIODIC_TASKS = [("mail.tasks.sweep_outbox", 60)]
    call_command("run_scheduler", "--once")
    assert DBTaskResult.objects.get().task_path == "mail.tasks.sweep_outbox"


def test_a_path_that_is_no_task_is_refused():
    with pytest.raises(CommandError, match="not a task"):
        load_schedule([("mail.tasks.sweep", 60)])
