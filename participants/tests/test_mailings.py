"""Every mailing — the team's message, the survey invitation, the certificates — is written the
same way (participants.mailings): a Mailing with its count and author, one outbox row per person
in that person's language that goes with their registration, and one audit entry (ids, counts)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.testing import make_user
from audit.models import Entry
from documents.services import send_certificates, start_certificate_mailing
from events.testing import make_event
from feedback.services import invite
from participants.models import Mailing
from participants.services import write_to
from registrations.testing import register

pytestmark = pytest.mark.django_db

AUDIT_ACTION = {"message": "participants.messaged", "feedback": "feedback.invited", "certificates": "certificates.sent"}


def send(kind, *, actor, event):
    if kind == "message":
        write_to(actor=actor, event=event, audience=Mailing.Audience.ATTENDEES, subject="Fotos", body="Hier.")
    elif kind == "feedback":
        invite(actor=actor, event=event)
    else:
        mailing, _started = start_certificate_mailing(actor=actor, event=event)
        send_certificates(mailing_id=mailing.pk)  # the worker's part


@pytest.mark.parametrize("kind", AUDIT_ACTION)
def test_every_mailing_leaves_the_same_record(kind):
    start = timezone.now() - timedelta(days=3)
    event = make_event(start=start, end=start + timedelta(hours=6), registration_deadline=start - timedelta(days=2))
    people = [register(event, attended=True) for _ in range(2)]
    people[1].language = "en"
    people[1].save(update_fields=["language"])
    register(event, attended=False)  # not there: none of the three writes to them
    team = make_user("team")

    send(kind, actor=team, event=event)

    mailing = Mailing.objects.get()
    assert (mailing.kind, mailing.planned, mailing.created_by) == (kind, 2, team)
    assert mailing.prepared_at is not None and mailing.failed == 0
    rows = sorted(mailing.messages.values_list("to", "language", "belongs_to"))
    assert rows == sorted((p.email, p.language, p.outbox_key) for p in people)
    entry = Entry.objects.get(action=AUDIT_ACTION[kind])
    assert (entry.details["mailing"], entry.details["recipients"], entry.target_id) == (mailing.pk, 2, str(event.pk))
