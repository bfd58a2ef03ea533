"""Retention of registrations (settings.PRIVACY_RETENTION; the rules run in privacy's hourly job,
declared as RETENTION_RULES in registrations/contributions.py):

1. Participant data is anonymised `participant_months_after_event` months after the last event
   a registration books ended: name, e-mail, phone, organisation, needs and answers are blanked;
   role, municipality, first-time flag and the bookings with their attendance stay for reports.
2. Explicit rule for the attendance list funders require: for people who attended, name and
   organisation stay until `attendance_list_years` after the event, then go like the rest.
3. Registrations whose address was never confirmed (lapsed or cancelled before confirming) are
   deleted `unconfirmed_days` after they were made.
4. (mail app) Mails are deleted after `mail_outbox_days` whatever their state.
5. A registration's mails go with its personal data: when it is anonymised or deleted, every
   outbox row written for it (`belongs_to`, see `Registration.outbox_key`) is deleted, sent or
   not. A mail written at that very moment (the notice that confirms an erasure, a send in
   flight) goes at the next run after it is finished.

Every function takes `now`, so tests run with a fixed clock.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Max, Q

from core.dates import months, years
from mail.services import erase_mails
from registrations.models import Registration

# Fields blanked at anonymisation. Name and organisation of attendees may be kept longer (rule 2).
CONTACT_FIELDS = {
    "email": None,  # replaced by a placeholder that identifies no one, see _placeholder_email
    "phone": "",
    "accessibility_needs": "",
    "childcare_needs": "",
    "interpretation_language": "",
    "diet": "",
    "answers": {},
    "newsletter_consent": False,
}
ATTENDANCE_LIST_FIELDS = {"name": "", "organisation": ""}
ANONYMOUS_NAME = ""


def rules():
    return settings.PRIVACY_RETENTION


def _placeholder_email(registration):
    """The e-mail field must stay unique per event among active rows; this value identifies no one."""
    return f"anonym-{registration.uuid.hex[:16]}@anonymised.invalid"


def last_event_end(registration):
    """When the last event this registration books ended (a course: its last module)."""
    ends = [b.event.end for b in registration.bookings.all() if b.event.end]
    if registration.event.end:
        ends.append(registration.event.end)
    return max(ends) if ends else registration.created_at


def anonymise_after(registration):
    """When this registration's personal data will be anonymised (for the back office to show).

    For people on an attendance list, contact data goes then; the name follows at
    `attendance_list_kept_until`."""
    return last_event_end(registration) + months(rules()["participant_months_after_event"])


def event_retention(event):
    """For an event's participant list: from when its participants' contact data is anonymised,
    and until when attendees' names stay on the attendance list (later for someone who also
    books a later event, e.g. the next module of a course)."""
    ended = (event.course.end if event.course_id and event.course.end else None) or event.end
    if ended is None:
        return None, None
    return ended + months(rules()["participant_months_after_event"]), ended + years(rules()["attendance_list_years"])


def attendance_list_kept_until(registration):
    """Until when name and organisation stay on the attendance list, or None if the person did not attend."""
    if not any(b.attended for b in registration.bookings.all()):
        return None
    return last_event_end(registration) + years(rules()["attendance_list_years"])


def _annotated_registrations(queryset):
    return queryset.annotate(last_end=Max("bookings__event__end"))


@transaction.atomic
def anonymise_registration(registration, *, now, keep_attendance_list=False):
    """Blank the personal fields of one registration and delete its mails (returns how many); keep
    the facts reports need."""
    blank_personal_fields(registration, now=now, keep_attendance_list=keep_attendance_list)
    return erase_mails_of([registration])


def blank_personal_fields(registration, *, now, keep_attendance_list=False):
    values = {**CONTACT_FIELDS, "email": _placeholder_email(registration)}
    if not keep_attendance_list:
        values.update(ATTENDANCE_LIST_FIELDS)
    if registration.anonymised_at is None:
        values["anonymised_at"] = now
    Registration.objects.filter(pk=registration.pk).update(**values)


def erase_mails_of(registrations, *, finished_only=False):
    """Rule 5: delete the outbox rows written for these registrations. Returns how many went."""
    keys = [registration.outbox_key for registration in registrations]
    # In slices: a long list of keys would exceed what one SQL statement may carry.
    return sum(
        erase_mails(belonging_to=keys[i : i + 500], finished_only=finished_only) for i in range(0, len(keys), 500)
    )


def anonymise_past_participants(*, now):
    """Rules 1 and 5 (names on the attendance list stay, rule 2)."""
    cutoff = now - months(rules()["participant_months_after_event"])
    list_cutoff = now - years(rules()["attendance_list_years"])
    due = (
        _annotated_registrations(Registration.objects.filter(anonymised_at__isnull=True))
        .filter(Q(last_end__lt=cutoff) | Q(last_end__isnull=True, event__end__lt=cutoff))
        .annotate(attended_count=Count("bookings", filter=Q(bookings__attended=True)))
    )
    anonymised = mails = 0
    for registration in due.only("pk", "uuid", "anonymised_at"):
        keep = registration.attended_count > 0 and (registration.last_end or now) >= list_cutoff
        mails += anonymise_registration(registration, now=now, keep_attendance_list=keep)
        anonymised += 1
    return {"anonymised": anonymised, "mails_deleted": mails}


def remove_attendance_names(*, now):
    """Rule 2: attendance names kept by the explicit rule go when their own period ends."""
    list_cutoff = now - years(rules()["attendance_list_years"])
    names_due = (
        _annotated_registrations(Registration.objects.filter(anonymised_at__isnull=False))
        .filter(last_end__lt=list_cutoff)
        .exclude(name=ANONYMOUS_NAME, organisation="")
    )
    removed = names_due.count()
    Registration.objects.filter(pk__in=names_due.values("pk")).update(**ATTENDANCE_LIST_FIELDS)
    return {"attendance_names_removed": removed}


def delete_unconfirmed(*, now):
    """Rules 3 and 5: addresses never confirmed are deleted with their bookings and mails."""
    cutoff = now - timedelta(days=rules()["unconfirmed_days"])
    stale = Registration.objects.filter(email_confirmed_at__isnull=True, is_active=False, created_at__lt=cutoff)
    stale = list(stale.only("pk"))
    mails = erase_mails_of(stale)  # e.g. the confirmation request that never reached anyone
    Registration.objects.filter(pk__in=[r.pk for r in stale]).delete()  # bookings and reminders go too (CASCADE)
    return {"unconfirmed_deleted": len(stale), "mails_deleted": mails}


def delete_mails_of_anonymised(*, now):
    """Rule 5 for mails finished after their registration was anonymised. Registrations
    anonymised before the mail cutoff need no look: their last mails are older (mail's rule 4)."""
    cutoff = now - timedelta(days=rules()["mail_outbox_days"])
    recently = Registration.objects.filter(anonymised_at__gte=cutoff).only("pk")
    return {"mails_deleted": erase_mails_of(recently, finished_only=True)}
