"""What the conference writes share: the optimistic-locking errors, the one lock order for workshop places,
and the mails to a registered person (through the outbox, in their language, erased after sending)."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from conferences.models import Session
from mail.services import queue_mail
from registrations.tokens import personal_token


class Stale(Exception):
    """Someone else saved the same record meanwhile (optimistic locking)."""


class Gone(Exception):
    """Someone else deleted the record meanwhile."""


def lock_sessions(conference):
    return {s.pk: s for s in Session.objects.select_for_update().filter(conference=conference).order_by("pk")}


def programme_url(registration):
    with translation.override(registration.language):
        path = reverse("conferences:my_programme", kwargs={"token": personal_token(registration)})
    return f"{settings.SITE_URL}{path}"


def mail_person(registration, name, **context):
    if not registration.has_address:
        return
    queue_mail(
        to=registration.email,
        template=f"conferences/mail/{name}",
        context={
            "registration": registration,
            "offer": registration.event,
            "programme_url": programme_url(registration),
            **context,
        },
        language=registration.language,
        erase_body_after_send=True,
        belongs_to=registration.outbox_key,
    )
