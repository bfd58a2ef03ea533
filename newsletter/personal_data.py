"""What the newsletter holds about a person (a subscription by e-mail address), for privacy's access,
export and erasure tools (declared as PERSONAL_DATA in newsletter/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import PersonalRecord
from newsletter.models import Subscriber
from newsletter.services import unsubscribe
from newsletter.tokens import personal_token


def subscriptions_of(email):
    """Pending or active subscriptions of the address (an ended one has no address any more)."""
    if not email.strip():
        return []
    return list(
        Subscriber.objects.current()
        .filter(email__iexact=email.strip())
        .prefetch_related("districts", "topics")
        .order_by("id")
    )


def _iso(moment):
    return moment.isoformat() if moment else None


def export(subscribers, *, now):
    return [
        {
            "email": s.email,
            "stand": s.get_status_display(),
            "sprache": s.language,
            "regionen": ", ".join(d.name for d in s.districts.all()),
            "themen": ", ".join(t.name for t in s.topics.all()),
            "angemeldet_am": _iso(s.created_at),
            "bestaetigt_am": _iso(s.confirmed_at),
            "datenschutzerklaerung_version": s.privacy_notice_version,
            "eingewilligt_am": _iso(s.privacy_consented_at),
        }
        for s in subscribers
    ]


def describe(subscribers):
    """Each subscription links to its own page (interests, unsubscribe)."""
    return [
        PersonalRecord(
            what=_("Newsletter-Abo"),
            title=s.get_status_display(),
            url=reverse("newsletter:manage", kwargs={"token": personal_token(s)}),
        )
        for s in subscribers
    ]


def erase(subscribers, *, now):
    """End each subscription: the address goes at once, with the copies still waiting to be sent."""
    ended = sum(1 for s in subscribers if unsubscribe(subscriber=s, now=now))
    return {"cancelled": 0, "anonymised": ended, "mails_deleted": 0}
