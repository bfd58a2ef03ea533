"""Rendering an outbox row: `<template>_subject.txt`, `<template>.txt` and (if it exists) `<template>.html`.

`mail.services.queue_mail` renders at once, unless its caller holds a lock and leaves the rendering
to the worker (`Rebuild`): then the row is written unrendered in the caller's transaction together
with a recipe, and the worker gets the context from the recipe and renders the row before sending
it (`render_pending`).
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.template import Context, TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation
from django.utils.module_loading import import_string

from mail.models import OutboxMessage


@dataclass(frozen=True)
class Rebuild:
    """How to get a mail's context again: `import_string(path)(**args)` returns the context as it is
    now, or None when what the mail is about is gone (then nothing is sent). `args` must be JSON."""

    path: str
    args: dict = field(default_factory=dict)


class NotRenderable(Exception):
    """The recipe of an unrendered row found nothing to say (its record is gone)."""


def full_context(context):
    return {"site_url": settings.SITE_URL, "project_name": settings.PROJECT_NAME, **(context or {})}


def render(template, context, language):
    """(subject, text, html) of `template` with `context` (made full already) in `language`."""
    with translation.override(language):
        subject = " ".join(_render_text(f"{template}_subject.txt", context).split())
        text = _render_text(f"{template}.txt", context)
        html = _render_html(f"{template}.html", context)
    return subject[:255], text, html


def store(message_id, subject, text, html):
    """Write the rendering into a row that has none yet (a retry after a failed send finds it rendered)."""
    return OutboxMessage.objects.filter(pk=message_id, rendered=False).update(
        subject=subject, text=text, html=html, rendered=True
    )


def render_pending(message):
    """Render an unrendered row from its recipe, in place. Raises NotRenderable."""
    context = import_string(message.render_with)(**message.render_args) if message.render_with else None
    if context is None:
        raise NotRenderable
    message.subject, message.text, message.html = render(message.template, full_context(context), message.language)
    store(message.pk, message.subject, message.text, message.html)
    message.rendered = True
    return message


def _render_text(name, context):
    # Plain-text parts and subjects must not be HTML-escaped ("&" in URLs, quotes in names).
    template = get_template(name)
    return template.template.render(Context(context, autoescape=False)).strip() + "\n"


def _render_html(name, context):
    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return ""
    return template.render(context)
