"""What the mail app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from core.registry import PeriodicTask

PERIODIC_TASKS = [
    # A deployment's sweep follows its SMTP timeout: settings.PERIODIC_TASK_INTERVALS sets it to EMAIL_TIMEOUT.
    PeriodicTask("mail.tasks.sweep_outbox", 20),
    PeriodicTask("mail.tasks.prune_finished_jobs", 60 * 60),
]


# --- Back office and hooks ----------------------------------------------------------------
