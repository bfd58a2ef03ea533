"""What the registrations app adds to the platform (collected by core.registry; see its docstring for the names)."""

# --- Records, privacy and jobs ------------------------------------------------------------

# --- Back office and hooks ----------------------------------------------------------------

from registrations import queries, services

HOOKS = {
    "event_cancelled": services.tell_event_cancelled,
    "event_changed": services.notify_event_changed,
    "event_copied": services.copy_registration_setup,
    "event_list_annotations": queries.with_registration_counts,
}
