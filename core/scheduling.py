"""One periodic job per task and period, however many schedulers run (`manage.py run_scheduler`).

Time is cut into periods of each task's interval, counted from the Unix epoch: the period of a
moment is `floor(now / interval)`, the same on every server whose clock is set by NTP. A scheduler
that finds a task due inserts a `PeriodicRun(task_path, period_start)` row and enqueues the job in
the same transaction; the table's unique constraint lets exactly one insert per task and period
win (on PostgreSQL the second waits for the first and then fails; on SQLite writers take turns),
and the loser's transaction, job included, is rolled back. So two or more schedulers — on one
server or several — enqueue each job once per period, and a scheduler that was down catches up
with one run for the current period, not one per missed period.
"""

import logging
import math
from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, transaction

from core.models import PeriodicRun

logger = logging.getLogger("core.scheduler")

# A row is needed while its period can still be claimed; older ones are pruned by the scheduler
# whose claim wins, for the same task. A day (or ten intervals, if longer) leaves room for clocks
# that disagree and for reading the recent runs.
KEEP_RUNS = timedelta(days=1)


def period_start(now: float, interval: float) -> datetime:
    """The start of the period `now` (seconds since the epoch) falls in, as an aware UTC datetime."""
    return datetime.fromtimestamp(math.floor(now / interval) * interval, tz=UTC)


def enqueue_once(path: str, task, interval: float, now: float) -> bool:
    """Enqueue `task` unless another scheduler already did for this period; True if this one did."""
    start = period_start(now, interval)
    try:
        with transaction.atomic():
            job = task.enqueue()
            PeriodicRun.objects.create(task_path=path, period_start=start, job_id=str(job.id))
    except IntegrityError:
        logger.debug("%s for the period from %s was enqueued by another scheduler", path, start)
        return False
    keep = max(KEEP_RUNS, timedelta(seconds=10 * interval))
    PeriodicRun.objects.filter(task_path=path, period_start__lt=start - keep).delete()
    return True
