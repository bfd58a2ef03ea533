"""core's run_scheduler enqueues the periodic tasks the apps declare (core.registry.periodic_schedule)."""

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from core import registry
from core.management.commands.run_scheduler import load_schedule, run_due
from core.registry import PeriodicTask

pytestmark = pytest.mark.django_db


def test_each_task_is_enqueued_at_start_and_then_every_interval():
    schedule = load_schedule([("mail.tasks.sweep_outbox", 60)])
    next_run = {}
    assert run_due(schedule, next_run, now=1000) == ["mail.tasks.sweep_outbox"]
    assert run_due(schedule, next_run, now=1030) == []
    assert run_due(schedule, next_run, now=1060) == ["mail.tasks.sweep_outbox"]
    assert list(DBTaskResult.objects.values_list("task_path", flat=True)) == ["mail.tasks.sweep_outbox"] * 2


def test_once_enqueues_every_configured_task(settings, monkeypatch):
    monkeypatch.setattr(registry, "periodic_tasks", lambda: [PeriodicTask("mail.tasks.sweep_outbox", 60)])
    settings.PERIODIC_TASK_INTERVALS = {}
    call_command("run_scheduler", "--once")
    assert DBTaskResult.objects.get().task_path == "mail.tasks.sweep_outbox"


def test_a_path_that_is_no_task_is_refused():
    with pytest.raises(CommandError, match="not a task"):
        load_schedule([("mail.tasks.sweep", 60)])


def test_the_schedule_is_what_the_apps_declare_with_this_deployment_s_intervals(settings):
    settings.PERIODIC_TASK_INTERVALS = {"mail.tasks.prune_finished_jobs": 120}
    schedule = dict(registry.periodic_schedule())
    assert schedule["mail.tasks.prune_finished_jobs"] == 120
    assert schedule["registrations.tasks.lapse_unconfirmed"] == 600
    assert len(schedule) == len(registry.periodic_tasks())


def test_an_interval_for_a_task_no_app_declares_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.PERIODIC_TASK_INTERVALS = {"mail.tasks.sweep": 60}
    with pytest.raises(ImproperlyConfigured, match="mail.tasks.sweep"):
        registry.periodic_schedule()
