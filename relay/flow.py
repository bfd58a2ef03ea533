"""The contact-form flow any app can call from its view (initiatives now, multipliers later)."""

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from core.guards import USED_MESSAGE, FormTokenUsed, over_limit, rate
from relay.services import send_relay_message

logger = logging.getLogger(__name__)


def _sender_key(group, request):
    return request.POST.get("sender_email", "").strip().casefold()


def submit_contact(request, form, *, recipient_email: str, recipient_label: str, language: str) -> bool:
    """Validate, guard and send. True when the sender may see the success page.

    A bot caught by the honeypot also gets True (and nothing is sent), and so does the same
    form sent twice (sent once). On False the form carries the errors to show;
    `form.rate_limited` tells the view to answer 429.
    """
    if form.caught_bot:
        logger.info("relay: honeypot filled, message dropped")
        return True
    if not form.is_valid():
        return False
    limited = over_limit(request, group="relay:ip", rate=rate("RELAY_RATE_PER_IP", "10/h"), key="ip") or over_limit(
        request, group="relay:sender", rate=rate("RELAY_RATE_PER_SENDER", "5/h"), key=_sender_key
    )
    if limited:
        form.rate_limited = True
        form.add_error(
            None,
            _(
                "Sie haben in kurzer Zeit viele Nachrichten gesendet. Ihre Nachricht ist unten noch da: "
                "bitte senden Sie sie in einer Stunde noch einmal."
            ),
        )
        logger.info("relay: rate limit reached")
        return False
    data = form.cleaned_data
    try:
        with transaction.atomic():
            if form.use_token():  # False for a double click: the first one sent it
                send_relay_message(
                    recipient_email=recipient_email,
                    recipient_label=recipient_label,
                    sender_name=data["sender_name"],
                    sender_email=data["sender_email"],
                    share_address=data["share_address"],
                    message=data["message"],
                    language=language,
                )
    except FormTokenUsed:
        form.add_error(None, USED_MESSAGE)
        return False
    return True
