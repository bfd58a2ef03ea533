"""Retention of the audit log: entries go after `audit_log_months` (settings.PRIVACY_RETENTION;
run by privacy's hourly retention job, declared in audit/contributions.py)."""

from django.conf import settings

from audit.models import Entry
from core.dates import months


def delete_old_entries(*, now):
    cutoff = now - months(settings.PRIVACY_RETENTION["audit_log_months"])
    deleted, _ = Entry.objects.filter(created_at__lt=cutoff).delete()
    return {"audit_entries_deleted": deleted}
