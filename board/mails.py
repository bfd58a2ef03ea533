"""One function per e-mail of the board. Each writes an outbox row in the caller's transaction.

Mails carrying a personal or confirmation link name their post or alert (`belongs_to`), so they go
when its personal data goes, and erase their body once sent: the link is a key to the post.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from board import tokens
from mail.services import queue_mail

PREFIX = "board/mail/"


def _absolute(name, **kwargs):
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _post_mail(post, name, **context):
    with translation.override(post.language):
        links = {
            "personal_url": _absolute("board:personal", token=tokens.personal_token(post)),
            "confirm_url": _absolute("board:confirm", token=tokens.confirm_token(post)),
            "post_url": _absolute("board:detail", pk=post.pk),
        }
    queue_mail(
        to=post.email,
        template=PREFIX + name,
        context={"post": post, "confirm_hours": settings.BOARD_CONFIRM_HOURS, **links, **context},
        language=post.language,
        belongs_to=post.outbox_key,
        erase_body_after_send=True,
    )


def confirm_post(post):
    _post_mail(post, "confirm_post")


def post_received(post):
    """After confirming: published at once (trusted) or waiting for the team; carries the personal link."""
    _post_mail(post, "post_received")


def post_approved(post):
    _post_mail(post, "post_approved")


def post_rejected(post):
    _post_mail(post, "post_rejected")


def renewal_due(post):
    _post_mail(post, "renewal_due")


def personal_link(post):
    _post_mail(post, "personal_link")


def _alert_links(alert):
    with translation.override(alert.language):
        return {
            "confirm_url": _absolute("board:alert_confirm", token=tokens.alert_confirm_token(alert)),
            "unsubscribe_url": _absolute("board:alert_unsubscribe", token=tokens.unsubscribe_token(alert)),
            "board_url": _absolute("board:list"),
        }


def confirm_alert(alert):
    queue_mail(
        to=alert.email,
        template=PREFIX + "confirm_alert",
        context={"alert": alert, "confirm_hours": settings.BOARD_CONFIRM_HOURS, **_alert_links(alert)},
        language=alert.language,
        belongs_to=alert.outbox_key,
        erase_body_after_send=True,
    )


def alert_digest(alert, posts):
    with translation.override(alert.language):
        items = [(post, _absolute("board:detail", pk=post.pk)) for post in posts]
    links = _alert_links(alert)
    queue_mail(
        to=alert.email,
        template=PREFIX + "alert",
        context={"alert": alert, "items": items, **links},
        language=alert.language,
        belongs_to=alert.outbox_key,
        # RFC 8058: mail clients offer "unsubscribe" and send one POST to this link, no page needed.
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
