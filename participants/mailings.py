"""Mailings: one mail to each person of a group of an event's people, and the record of it.

The one way to write to many people at once — the team's messages (`participants.services.write_to`),
survey invitations (`feedback.services.invite`) and certificates (`documents.services`) use it:

- `start_mailing`: the `Mailing` row (event, kind, audience, how many planned, who) and its audit
  entry (ids and counts only);
- `queue_for`: one person's mail through the outbox (their address and language; `belongs_to`
  their registration, so it goes with their data) counted in the mailing, whose outbox rows are
  its progress;
- `finish_mailing`: every row is written (`prepared_at`), with how many could not be made;
- `send_mailing`: all three at once, in the caller's transaction, when every mail is quick to
  write (certificates are rendered by a worker instead, one person per transaction).

It lives here because a mailing belongs to an event and its registrations (`mail` knows neither).
"""

from django.utils import timezone

from audit.services import record
from mail.services import queue_mail
from participants.models import Mailing


def start_mailing(*, actor, event, kind, audience, planned, audit_action, subject="", details=None, request=None):
    mailing = Mailing.objects.create(
        event=event, kind=kind, audience=audience, subject=subject, planned=planned, created_by=actor
    )
    record(
        actor=actor,
        action=audit_action,
        target=event,
        details={"mailing": mailing.pk, **(details or {}), "recipients": planned},
        request=request,
    )
    return mailing


def queue_for(mailing, registration, *, template, context, **mail_options):
    """Queue one person's mail and count it in the mailing."""
    message = _queue(registration, template=template, context=context, **mail_options)
    mailing.messages.add(message)
    return message


def finish_mailing(mailing, *, failed=0):
    """Every mail is written (`failed`: how many could not be made; sending again retries them)."""
    mailing.prepared_at, mailing.failed = timezone.now(), failed
    # An update, not save(): the worker's mailing may be gone with its event meanwhile.
    Mailing.objects.filter(pk=mailing.pk).update(prepared_at=mailing.prepared_at, failed=failed)


def send_mailing(*, mails, template, mail_options=None, **start):
    """Start a mailing, queue `mails` (pairs of registration and template context), finish it.

    `start` takes `start_mailing`'s arguments but `planned`; call it inside a transaction."""
    mails = list(mails)
    mailing = start_mailing(planned=len(mails), **start)
    options = mail_options or {}
    messages = [_queue(registration, template=template, context=context, **options) for registration, context in mails]
    mailing.messages.add(*messages)  # one query for all of them
    finish_mailing(mailing)
    return mailing


def _queue(registration, *, template, context, **mail_options):
    return queue_mail(
        to=registration.email,
        template=template,
        context=context,
        language=registration.language,
        belongs_to=registration.outbox_key,
        **mail_options,
    )
