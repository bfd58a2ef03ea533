"""Invite attendees to the survey (a back-office action, once the event is over) and store answers.

Why an action and not automatic on "held": the team first ticks walk-ins and late arrivals in the
check-in, then invites; marking the event as held stays a plain status change.
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from feedback.models import Answer, Invitation, Invitee, Survey
from feedback.tokens import new_token, token_hash
from participants.mailings import send_mailing
from participants.models import Mailing
from registrations.models import Booking, without_address


class SurveyClosed(Exception):
    """The link was used already (one answer per attendee) or never existed."""


def invite_problems(event, now=None):
    now = now or timezone.now()
    if event.end is None or event.end > now:
        return ["not_over"]
    return []


def pending_invitees(event):
    invited = Invitee.objects.filter(event=event).values("booking")
    return (
        Booking.objects.filter(event=event, attended=True, status__in=Booking.TAKEN)
        .exclude(pk__in=invited)
        .exclude(without_address("registration__"))
        .filter(registration__anonymised_at__isnull=True)
        .select_related("registration")
        .order_by("id")
    )


@transaction.atomic
def invite(*, actor, event, request=None):
    """One survey link per attendee not yet invited; returns the Mailing (None if nobody is left)."""
    bookings = list(pending_invitees(event))
    if not bookings:
        return None
    Survey.objects.get_or_create(event=event)
    invitations, mails = [], []
    # Shuffled order: invitation rows must not line up with invitee rows by insertion order.
    for booking in sorted(bookings, key=lambda _b: new_token()):
        token = new_token()
        invitations.append(Invitation(token_hash=token_hash(token), event=event))
        path = reverse("feedback:survey", kwargs={"token": token})
        context = {"registration": booking.registration, "event": event, "survey_url": settings.SITE_URL + path}
        mails.append((booking.registration, context))
    Invitation.objects.bulk_create(invitations)
    Invitee.objects.bulk_create(Invitee(event=event, booking=b) for b in bookings)
    return send_mailing(
        actor=actor,
        event=event,
        kind=Mailing.Kind.FEEDBACK,
        audience=Mailing.Audience.ATTENDEES,
        audit_action="feedback.invited",
        request=request,
        template="feedback/mail/invitation",
        mails=mails,
        mail_options={"erase_body_after_send": True},  # the link is the only key to an anonymous answer
    )


def invitation_for(token):
    """The unused invitation behind a link, or None."""
    return Invitation.objects.select_related("event").filter(token_hash=token_hash(token), used=False).first()


@transaction.atomic
def answer(*, token, values):
    """Store one anonymous answer and use up the link. Raises SurveyClosed if it was used already."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token), used=False).first()
    if invitation is None:
        raise SurveyClosed
    invitation.used = True
    invitation.save(update_fields=["used"])
    return Answer.objects.create(event_id=invitation.event_id, **values)


def mark_seen(*, event, count):
    Survey.objects.filter(event=event, answers_seen__lt=count).update(answers_seen=count)
