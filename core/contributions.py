"""What the core app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------
from core.registry import PeriodicTask

# Public forms' used tokens are forgotten once they have expired (core.guards; idempotent).
PERIODIC_TASKS = [PeriodicTask("core.tasks.prune_used_form_tokens", 60 * 60)]


# --- Back office and hooks ----------------------------------------------------------------
