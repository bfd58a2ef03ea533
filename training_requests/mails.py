"""One function per e-mail to a requester, in the language they wrote the request in.

Each writes an outbox row in the caller's transaction; mails carrying the personal link ask the
outbox to erase their body once sent (the link is a key to the request), and every mail names the
request it belongs to, so retention deletes it with the request's personal data.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from mail.services import queue_mail
from training_requests import tokens

PREFIX = "training_requests/mail/"


def belongs_to(training_request):
    return f"training_request:{training_request.pk}"


def _links(training_request):
    with translation.override(training_request.language):
        links = {
            "personal_url": settings.SITE_URL
            + reverse("training_requests:personal", kwargs={"token": tokens.personal_token(training_request)}),
            "confirm_url": settings.SITE_URL
            + reverse("training_requests:confirm", kwargs={"token": tokens.confirm_token(training_request)}),
        }
        event = training_request.event
        if event is not None and event.status in ("published", "held"):
            links["event_url"] = settings.SITE_URL + event.get_absolute_url()
    return links


def _send(training_request, name, **context):
    if not training_request.contact_email:
        return
    queue_mail(
        to=training_request.contact_email,
        template=PREFIX + name,
        context={
            "training_request": training_request,
            "confirm_hours": settings.TRAINING_REQUEST_CONFIRM_HOURS,
            **_links(training_request),
            **context,
        },
        language=training_request.language,
        erase_body_after_send=True,
        belongs_to=belongs_to(training_request),
    )


def confirm_address(training_request):
    _send(training_request, "confirm_address")


def received(training_request):
    _send(training_request, "received")


def state_changed(training_request):
    _send(training_request, "state_changed")


def team_message(training_request, message):
    _send(training_request, "team_message", message=message)
