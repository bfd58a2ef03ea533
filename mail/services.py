"""Writing mail to the outbox. Sending happens in `mail.delivery`, run by the worker.

    queue_mail(to=..., template="registrations/mail/confirm_address", context={...}, language="de")
    queue_mail(..., headers={"List-Unsubscribe": "<https://…>"})   # extra header lines (never Message-ID, From, To …)

renders `<template>_subject.txt`, `<template>.txt` and (if it exists) `<template>.html` now,
in the given language, stores the result as an `OutboxMessage` in the caller's transaction,
and enqueues the send task when that transaction commits. If the caller's transaction rolls
back, the row and the job disappear together; if the process dies after the commit but before
the job is enqueued, the periodic sweep (`mail.tasks.sweep_outbox`) picks the row up.

    queue_mail(..., rebuild=Rebuild("registrations.mails.context_again", {"registration": 42, ...}))

leaves the rendering to the worker (`mail.rendering`): for a caller that holds a lock until its
commit (a registration holds its event's row) and answers a rush of people, so that rendering
neither makes others wait nor costs the request. The row, unrendered, and its recipe are written
in the caller's transaction; the worker gets the context from the recipe before sending.

A mail that carries a person's data names its record in `belongs_to` ("registration:42"), so
that `erase_mails` can delete it together with that record, sent or not.
"""

import base64
import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import make_msgid
from django.db import transaction
from django.db.models import Q

from mail import rendering
from mail.models import OutboxMessage
from mail.rendering import Rebuild
from mail.tasks import enqueue_send

logger = logging.getLogger(__name__)

# Set inside `withheld()`: the ids of the mails queued there, which are never sent.
_withheld_ids = ContextVar("withheld_mail_ids", default=None)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"


def queue_mail(
    *,
    to,
    template,
    context=None,
    language=None,
    reply_to="",
    attachments=(),
    erase_body_after_send=False,
    belongs_to="",
    headers=None,
    rebuild: Rebuild | None = None,
):
    """`rebuild`: the worker renders the row from this recipe, not this process now (see the module's
    docstring); `context` is not used then."""
    language = language or settings.LANGUAGE_CODE
    subject, text, html = (
        ("", "", "") if rebuild else rendering.render(template, rendering.full_context(context), language)
    )
    message = OutboxMessage.objects.create(
        to=to,
        reply_to=reply_to or "",
        subject=subject,
        text=text,
        html=html,
        rendered=rebuild is None,
        render_with=rebuild.path if rebuild else "",
        render_args=rebuild.args if rebuild else {},
        attachments=[
            {
                "filename": attachment.filename,
                "mimetype": attachment.mimetype,
                "content": base64.b64encode(attachment.content).decode("ascii"),
            }
            for attachment in attachments
        ],
        language=language,
        template=template,
        message_id=new_message_id(),
        erase_body_after_send=erase_body_after_send,
        belongs_to=belongs_to,
        headers=_checked_headers(headers),
    )
    withheld_ids = _withheld_ids.get()
    if withheld_ids is not None:
        withheld_ids.append(message.pk)
        return message
    logger.info("mail queued id=%s template=%s", message.pk, template)
    transaction.on_commit(lambda: enqueue_send(message.pk))
    return message


# The outbox sets these itself; a caller's extra headers may not replace them.
RESERVED_HEADERS = {"message-id", "from", "to", "cc", "bcc", "reply-to", "subject", "date", "content-type"}


def _checked_headers(headers):
    headers = dict(headers or {})
    for name, value in headers.items():
        if name.lower() in RESERVED_HEADERS:
            raise ValueError(f"The outbox sets the header {name} itself.")
        if "\n" in f"{name}{value}" or "\r" in f"{name}{value}":
            raise ValueError("Header names and values are one line each.")
    return headers


def erase_mails(*, belonging_to=(), to="", finished_only=False):
    """Delete the outbox rows whose `belongs_to` is one of the keys, and (if `to` is given) every
    row to that address. Returns how many went.

    Any state, unless `finished_only`: a mail still waiting for the server holds the address, the
    name and the personal link as much as a sent one. The job of a deleted waiting row finds
    nothing to claim. A worker in the middle of sending a row may still deliver that one copy;
    recording it (or a retry) then matches no row, so nothing is sent again.
    """
    match = Q()
    if keys := [key for key in belonging_to if key]:
        match |= Q(belongs_to__in=keys)
    if to:
        match |= Q(to__iexact=to.strip())
    if not match:
        return 0
    rows = OutboxMessage.objects.filter(match)
    if finished_only:
        rows = rows.filter(status__in=[OutboxMessage.Status.SENT, OutboxMessage.Status.FAILED])
    deleted = rows.delete()[1].get(OutboxMessage._meta.label, 0)
    if deleted:
        logger.info("mail erased count=%s", deleted)
    return deleted


@contextmanager
def withheld():
    """Mails queued inside the block are written as usual (the code runs exactly as in real use)
    and deleted again at its end, unsent. Only for fictional people: `seed_demo` registers its
    demo participants through the real services, and nobody should find a hundred mails to
    addresses that do not exist in the development mail view. Yields the list of withheld ids.
    """
    ids = []
    token = _withheld_ids.set(ids)
    try:
        yield ids
    finally:
        _withheld_ids.reset(token)
    OutboxMessage.objects.filter(pk__in=ids).delete()


def new_message_id():
    """A globally unique Message-ID, fixed at enqueue time so every retry carries the same one."""
    return make_msgid(idstring="sfi", domain=message_id_domain())


def message_id_domain():
    return urlsplit(settings.SITE_URL).hostname or "localhost"
