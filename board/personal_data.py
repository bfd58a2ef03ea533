"""What the board holds about a person (posts and alerts by e-mail address), for privacy's access,
export and erasure tools (declared as PERSONAL_DATA in board/contributions.py)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from board.models import Alert, Post
from board.services import blank_post
from board.tokens import personal_token, unsubscribe_token
from core.registry import PersonalRecord
from mail.services import erase_mails


def records_of(email):
    email = email.strip()
    if not email:
        return []
    posts = Post.objects.for_cards().filter(email__iexact=email, anonymised_at__isnull=True).order_by("id")
    alerts = Alert.objects.select_related("district").filter(email__iexact=email).order_by("id")
    return [*posts, *alerts]


def describe(records):
    """A post links to its own page (edit, renew, delete), an alert to its unsubscribe page."""
    described = []
    for record in records:
        if isinstance(record, Post):
            url = reverse("board:personal", kwargs={"token": personal_token(record)})
            described.append(PersonalRecord(what=_("Beitrag bei Suche/Biete"), title=record.title, url=url))
        else:
            url = reverse("board:alert_unsubscribe", kwargs={"token": unsubscribe_token(record)})
            described.append(
                PersonalRecord(what=_("Benachrichtigung bei Suche/Biete"), title=str(record.describe()), url=url)
            )
    return described


def _iso(moment):
    return moment.isoformat() if moment else None


def export(records, *, now):
    rows = []
    for record in records:
        if isinstance(record, Post):
            rows.append(
                {
                    "art": "beitrag",
                    "suche_biete": record.get_kind_display(),
                    "bereich": record.get_category_display(),
                    "ueberschrift": record.title,
                    "text": record.text,
                    "gemeinde": record.municipality.name,
                    "wer": record.get_poster_display(),
                    "organisation": record.organisation,
                    "vorname": record.first_name,
                    "email": record.email,
                    "stand": record.get_status_display(),
                    "erstellt_am": _iso(record.created_at),
                    "gueltig_bis": _iso(record.valid_until),
                }
            )
        else:
            rows.append(
                {
                    "art": "benachrichtigung",
                    "was": str(record.describe()),
                    "email": record.email,
                    "erstellt_am": _iso(record.created_at),
                    "bestaetigt_am": _iso(record.confirmed_at),
                }
            )
    return rows


def erase(records, *, now):
    anonymised = mails = cancelled = 0
    for record in records:
        if isinstance(record, Post):
            if record.status not in Post.CLOSED:
                Post.objects.filter(pk=record.pk).update(status=Post.Status.WITHDRAWN, closed_at=now)
                cancelled += 1
            mails += blank_post(record, now=now)
            anonymised += 1
        else:
            mails += erase_mails(belonging_to=[record.outbox_key])
            Alert.objects.filter(pk=record.pk).delete()
            cancelled += 1
    return {"cancelled": cancelled, "anonymised": anonymised, "mails_deleted": mails}
