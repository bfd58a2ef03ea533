"""Sending a message to someone without showing their address to the sender.

The recipient's address never leaves the server; the sender's address reaches the
recipient only when the sender allowed it. The message body lives only in the outbox
row, which the mail app blanks after sending (`erase_body_after_send=True`).
"""

import logging

from django.conf import settings
from django.db import transaction

from mail.services import queue_mail

MESSAGE_TEMPLATE = "relay/mail/message"
logger = logging.getLogger(__name__)


def send_relay_message(
    *,
    recipient_email: str,
    recipient_label: str,
    sender_name: str,
    sender_email: str,
    share_address: bool,
    message: str,
    language: str,
) -> None:
    context = {
        "recipient_label": recipient_label,
        "sender_name": sender_name,
        "share_address": share_address,
        # Not shared means not even handed to the outbox: it is never rendered or stored.
        "sender_email": sender_email if share_address else "",
        "message": message,
        "project_name": settings.PROJECT_NAME,
        "team_email": settings.DEFAULT_FROM_EMAIL,
        "site_url": settings.SITE_URL,
    }
    with transaction.atomic():
        queue_mail(
            to=recipient_email,
            template=MESSAGE_TEMPLATE,
            context=context,
            language=language,
            reply_to=sender_email if share_address else "",
            erase_body_after_send=True,
        )
    logger.info("relay message queued (address shared: %s)", share_address)
