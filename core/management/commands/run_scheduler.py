"""Enqueue the periodic jobs the apps declare, each once per interval, forever.

    PERIODIC_TASKS = [PeriodicTask("mail.tasks.sweep_outbox", 60), ...]   # <app>/contributions.py
    PERIODIC_TASK_INTERVALS = {"mail.tasks.sweep_outbox": 20}            # settings: this deployment's

The schedule is `core.registry.periodic_schedule()`: every declared task at the interval the
settings give it, else at the declared one.

Time is cut into periods of each task's interval (`core.scheduling`): a task is enqueued at most
once per period, by whichever scheduler claims the period first, so several schedulers (one per
server, say) never enqueue the same job twice. Each scheduler tries every task right at its
start and then once in every period; after a restart (or a scheduler that was down) the current
period gets its one run, missed ones are not made up. Every periodic task must still be
idempotent: a period's job may run right after the previous period's. The jobs themselves run in
the worker (`manage.py db_worker`), so a slow job never delays the schedule.
"""

import logging
import math
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string

from core import registry
from core.scheduling import enqueue_once

logger = logging.getLogger("core.scheduler")


def load_schedule(entries):
    schedule = []
    for path, interval in entries:
        task = import_string(path)
        if not hasattr(task, "enqueue"):
            raise CommandError(f"{path} is not a task (decorate it with @task()).")
        if interval <= 0:
            raise CommandError(f"{path}: the interval must be a positive number of seconds.")
        schedule.append((path, task, float(interval)))
    return schedule


def run_due(schedule, next_run, now):
    """Enqueue every task whose time has come and whose period no scheduler has claimed yet;
    returns the paths this scheduler enqueued. `now` is in seconds since the epoch.

    A task is tried again an interval later, but no later than the middle of the next period, so
    a scheduler that wakes late still tries in every period."""
    enqueued = []
    for path, task, interval in schedule:
        due_at = next_run.get(path, 0)
        if due_at <= now or due_at > now + interval:  # the second: the clock was set back
            if enqueue_once(path, task, interval, now):
                enqueued.append(path)
            next_run[path] = min(now + interval, (math.floor(now / interval) + 1.5) * interval)
    return enqueued


class Command(BaseCommand):
    help = "Enqueue the periodic tasks the apps declare at their intervals (run beside db_worker)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Enqueue every periodic task whose current period has no run yet, then exit.",
        )

    def handle(self, *, once, **options):
        schedule = load_schedule(registry.periodic_schedule())
        next_run = {}
        if once:
            for path in run_due(schedule, next_run, time.time()):
                self.stdout.write(f"enqueued {path}")
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("run_scheduler: " + ", ".join(f"{path} every {int(i)} s" for path, _, i in schedule))
        while not stop.is_set():
            close_old_connections()
            try:
                for path in run_due(schedule, next_run, time.time()):
                    logger.info("scheduler enqueued %s", path)
            except DatabaseError:
                # A database hiccup must not end the schedule: try again in a few seconds.
                logger.exception("scheduler could not enqueue; retrying")
                stop.wait(5)
                continue
            wake = min(next_run.values(), default=time.time() + 1)
            stop.wait(max(0.2, min(wake - time.time(), 5)))
