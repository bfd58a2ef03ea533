"""Development-only mail view: what the local SMTP catcher received, readable in the browser.

Exists only with DEBUG; in production every URL here is a 404 (and the footer link is hidden).
"""

import nh3
from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe

from mail import catcher
from mail.models import OutboxMessage

# Mail HTML is shown inline, so it is cleaned like user content: no scripts, styles or forms.
MAIL_HTML_TAGS = {"a", "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h1", "h2", "h3", "hr", "table",
                  "thead", "tbody", "tr", "th", "td", "blockquote", "span", "div"}  # fmt: skip


def _development_only():
    if not settings.DEBUG:
        raise Http404


def dev_mail_list(request):
    _development_only()
    counts = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("id")).order_by())
    outbox = [(label, counts.get(value, 0)) for value, label in OutboxMessage.Status.choices]
    return render(request, "mail/dev/list.html", {"mails": catcher.newest(), "outbox": outbox})


def dev_mail_detail(request, name):
    _development_only()
    mail = catcher.load(name)
    if mail is None:
        raise Http404
    html = mark_safe(nh3.clean(mail.html, tags=MAIL_HTML_TAGS, link_rel="noopener")) if mail.html else ""  # noqa: S308
    return render(request, "mail/dev/detail.html", {"mail": mail, "html": html})


def dev_mail_attachment(request, name, number):
    """One attachment of a caught mail as a download (a certificate PDF, a calendar file …)."""
    _development_only()
    mail = catcher.load(name)
    found = mail.attachment(number) if mail else None
    if found is None:
        raise Http404
    filename, content_type, content = found
    response = HttpResponse(content, content_type=content_type)
    # Always a download, never shown inline: the catcher accepts mail from anything on this machine.
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    return response
