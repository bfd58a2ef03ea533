"""Several schedulers (core.scheduling, `manage.py run_scheduler`) enqueue each periodic job once per period."""

import json
import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection, connections
from django_tasks_db.models import DBTaskResult

from core.management.commands.run_scheduler import load_schedule, run_due
from core.models import PeriodicRun
from core.scheduling import KEEP_RUNS, period_start

TASKS = [("mail.tasks.sweep_outbox", 20), ("mail.tasks.prune_finished_jobs", 60)]
# A period boundary of both intervals, so the test's periods are easy to count.
START = datetime(2026, 10, 1, 12, 0, tzinfo=UTC)


def jobs_per_task():
    return Counter(DBTaskResult.objects.values_list("task_path", flat=True))


def enqueued_per_period():
    """(task, period start) -> jobs, from the job table's own enqueue times."""
    intervals = dict(TASKS)
    return Counter(
        (path, period_start(enqueued_at.timestamp(), intervals[path]))
        for path, enqueued_at in DBTaskResult.objects.values_list("task_path", "enqueued_at")
    )


def test_the_period_is_the_interval_counted_from_the_epoch():
    assert period_start(START.timestamp() + 59.9, 60) == START
    assert period_start(START.timestamp() + 60, 60) == START + timedelta(minutes=1)


@pytest.mark.django_db
def test_two_schedulers_enqueue_each_task_once_per_period(clock):
    clock.move_to(START, tick=False)
    schedulers = [(load_schedule(TASKS), {}), (load_schedule(TASKS), {})]
    for second in range(0, 180, 5):  # three minutes: 9 periods of 20 s, 3 of 60 s
        clock.move_to(START + timedelta(seconds=second), tick=False)
        for schedule, next_run in schedulers:
            run_due(schedule, next_run, datetime.now(UTC).timestamp())

    assert jobs_per_task() == {"mail.tasks.sweep_outbox": 9, "mail.tasks.prune_finished_jobs": 3}
    assert set(enqueued_per_period().values()) == {1}
    runs = PeriodicRun.objects.order_by("task_path", "period_start")
    assert {run.job_id for run in runs} == {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)}


@pytest.mark.django_db
def test_the_first_scheduler_of_a_period_enqueues_and_the_other_one_nothing(clock):
    clock.move_to(START + timedelta(seconds=3), tick=False)
    now = datetime.now(UTC).timestamp()
    first, second = load_schedule(TASKS), load_schedule(TASKS)
    assert run_due(first, {}, now) == ["mail.tasks.sweep_outbox", "mail.tasks.prune_finished_jobs"]
    assert run_due(second, {}, now + 1) == []
    assert jobs_per_task() == {"mail.tasks.sweep_outbox": 1, "mail.tasks.prune_finished_jobs": 1}


@pytest.mark.django_db
def test_a_scheduler_that_was_down_catches_up_with_one_run_not_a_burst(clock):
    clock.move_to(START, tick=False)
    schedule, next_run = load_schedule(TASKS), {}
    run_due(schedule, next_run, datetime.now(UTC).timestamp())
    clock.move_to(START + timedelta(minutes=30, seconds=7), tick=False)  # 90 periods of 20 s missed
    now = datetime.now(UTC).timestamp()
    assert run_due(schedule, next_run, now) == ["mail.tasks.sweep_outbox", "mail.tasks.prune_finished_jobs"]
    assert run_due(schedule, next_run, now + 5) == []
    # A freshly started scheduler finds this period taken, too.
    assert run_due(load_schedule(TASKS), {}, now + 6) == []
    assert jobs_per_task() == {"mail.tasks.sweep_outbox": 2, "mail.tasks.prune_finished_jobs": 2}


@pytest.mark.django_db
def test_a_scheduler_that_wakes_late_still_tries_in_every_period(clock):
    """Tries land an interval apart, but never after the middle of the next period."""
    schedule, next_run = load_schedule([("mail.tasks.sweep_outbox", 20)]), {}
    base = START.timestamp()
    enqueued = []
    for now in (base + 19, base + 31, base + 52, base + 73, base + 95):  # woken 1-3 s late each time
        enqueued += run_due(schedule, next_run, now)
    assert len(enqueued) == 5  # periods 0, 1, 2, 3 and 4: none skipped


@pytest.mark.django_db
def test_a_clock_set_back_does_not_stall_the_schedule(clock):
    schedule, next_run = load_schedule([("mail.tasks.sweep_outbox", 20)]), {}
    base = START.timestamp()
    assert run_due(schedule, next_run, base + 3600) == ["mail.tasks.sweep_outbox"]
    assert run_due(schedule, next_run, base) == ["mail.tasks.sweep_outbox"]  # an hour back


@pytest.mark.django_db
def test_runs_older_than_a_day_are_pruned_by_the_next_run_of_their_task(clock):
    schedule, next_run = load_schedule(TASKS), {}
    clock.move_to(START, tick=False)
    run_due(schedule, next_run, datetime.now(UTC).timestamp())
    clock.move_to(START + KEEP_RUNS + timedelta(minutes=5), tick=False)
    run_due(schedule, next_run, datetime.now(UTC).timestamp())
    assert (
        sorted(PeriodicRun.objects.values_list("period_start", flat=True))
        == [START + KEEP_RUNS + timedelta(minutes=5)] * 2
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent transactions need PostgreSQL")
def test_schedulers_racing_in_threads_enqueue_each_task_once_per_period(clock):
    """Six schedulers, released at the same moment in each of four periods, on their own connections."""
    schedulers = 6
    errors, won = [], Counter()
    for period in range(4):
        clock.move_to(START + timedelta(minutes=period, seconds=1), tick=False)
        now = datetime.now(UTC).timestamp()
        barrier = threading.Barrier(schedulers)

        def scheduler(now=now, barrier=barrier):
            try:
                schedule = load_schedule(TASKS)
                barrier.wait()
                won.update(run_due(schedule, {}, now))
            except Exception as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=scheduler) for _ in range(schedulers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert errors == []
    # Each minute is a new period of both the 20 s and the 60 s task.
    assert won == {"mail.tasks.sweep_outbox": 4, "mail.tasks.prune_finished_jobs": 4}
    assert jobs_per_task() == won
    assert set(enqueued_per_period().values()) == {1}


def _settings_with(**env):
    """PERIODIC_TASK_INTERVALS as settings read it from this environment (a fresh interpreter)."""
    environ = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environ.update(DEBUG="1", DJANGO_SETTINGS_MODULE="sfi.settings", **env)
    code = "import json; from django.conf import settings; print(json.dumps(settings.PERIODIC_TASK_INTERVALS))"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=environ, capture_output=True, text=True, check=False
    )


def test_the_environment_can_set_any_periodic_task_s_interval():
    result = _settings_with(
        MAIL_SWEEP_INTERVAL="20", PERIODIC_TASK_INTERVALS_JSON='{"core.tasks.prune_used_form_tokens": 5}'
    )
    assert json.loads(result.stdout) == {"mail.tasks.sweep_outbox": 20, "core.tasks.prune_used_form_tokens": 5}
    refused = _settings_with(PERIODIC_TASK_INTERVALS_JSON="[5]")
    assert refused.returncode != 0 and "PERIODIC_TASK_INTERVALS_JSON must be a JSON object" in refused.stderr
