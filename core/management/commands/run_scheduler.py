"""Enqueue the periodic jobs the apps declare, each at its interval, forever.

    PERIODIC_TASKS = [PeriodicTask("mail.tasks.sweep_outbox", 60), ...]   # <app>/contributions.py
    PERIODIC_TASK_INTERVALS = {"mail.tasks.sweep_outbox": 20}            # settings: this deployment's

The schedule is `core.registry.periodic_schedule()`: every declared task at the interval the
settings give it, else at the declared one.

Deliberately tiny: no state, no clock schedule. After a restart every task is enqueued once
right away and then every interval, so a restart never skips work; in exchange every periodic
task must be idempotent (running it twice in a row does no harm). The jobs themselves run in
the worker (`manage.py db_worker`), so a slow job never delays the schedule. Run one scheduler
per installation; a second one only doubles the (idempotent) jobs.
"""

import logging
import signal
import threading
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, close_old_connections
from django.utils.module_loading import import_string

from core import registry

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
    """Enqueue every task whose time has come; returns the paths enqueued."""
    enqueued = []
    for path, task, interval in schedule:
        if next_run.get(path, 0) <= now:
            task.enqueue()
            next_run[path] = now + interval
            enqueued.append(path)
    return enqueued


class Command(BaseCommand):
    help = "Enqueue the periodic tasks the apps declare at their intervals (run beside db_worker)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Enqueue every periodic task once, then exit.")

    def handle(self, *, once, **options):
        schedule = load_schedule(registry.periodic_schedule())
        next_run = {}
        if once:
            for path in run_due(schedule, next_run, time.monotonic()):
                self.stdout.write(f"enqueued {path}")
            return
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        self.stdout.write("run_scheduler: " + ", ".join(f"{path} every {int(i)} s" for path, _, i in schedule))
        while not stop.is_set():
            close_old_connections()
            try:
                for path in run_due(schedule, next_run, time.monotonic()):
                    logger.info("scheduler enqueued %s", path)
            except DatabaseError:
                # A database hiccup must not end the schedule: try again in a few seconds.
                logger.exception("scheduler could not enqueue; retrying")
                stop.wait(5)
                continue
            wake = min(next_run.values(), default=time.monotonic() + 1)
            stop.wait(max(0.2, min(wake - time.monotonic(), 5)))
