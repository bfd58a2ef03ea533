"""Retention of the multiplier programme (settings.PRIVACY_RETENTION; run by privacy's hourly job,
declared as RETENTION_RULES in multipliers/contributions.py):

1. The relay metadata (when someone wrote, whether an address was shared) is deleted
   `multiplier_contact_months` after the message.
2. The profile of a deactivated multiplier account (it is already off the public listing) is
   deleted `multiplier_inactive_months` after the account's last login (or the profile's creation
   when it never logged in); the account's log entries stay without the account, as anonymous numbers.
"""

from django.conf import settings
from django.db.models import Q

from core.dates import months
from multipliers.models import Consultation, ContactNote, Multiplier
from multipliers.personal_data import erase_profiles


def delete_old_contact_notes(*, now):
    cutoff = now - months(settings.PRIVACY_RETENTION["multiplier_contact_months"])
    deleted, _rows = ContactNote.objects.filter(sent_at__lt=cutoff).delete()
    return {"multiplier_contact_notes": deleted}


def erase_inactive_profiles(*, now):
    cutoff = now - months(settings.PRIVACY_RETENTION["multiplier_inactive_months"])
    due = Multiplier.objects.filter(user__is_active=False).filter(
        Q(user__last_login__lt=cutoff) | Q(user__last_login__isnull=True, created_at__lt=cutoff)
    )
    users = list(due.values_list("user_id", flat=True))
    erased = erase_profiles(due)
    detached = Consultation.objects.filter(multiplier_id__in=users).update(multiplier=None)
    return {"multiplier_profiles": erased, "multiplier_log_entries_detached": detached}
