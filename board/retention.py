"""Retention of the board (settings.PRIVACY_RETENTION; run by privacy's hourly job, declared as
RETENTION_RULES in board/contributions.py):

1. A closed post (done, deleted, rejected) or an expired one is anonymised `board_closed_days`
   after it closed or expired: address, first name, title and text go with its mails; kind,
   category, municipality and dates stay for reports.
2. Posts and alerts whose address was never confirmed are deleted `board_unconfirmed_days` after
   they were made, with their mails.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q

from board.models import Alert, Post
from board.services import blank_post
from mail.services import erase_mails


def anonymise_closed_posts(*, now):
    cutoff = now - timedelta(days=settings.PRIVACY_RETENTION["board_closed_days"])
    due = Post.objects.filter(anonymised_at__isnull=True).filter(
        Q(status__in=Post.CLOSED, closed_at__lt=cutoff)
        | Q(status__in=(Post.Status.PUBLISHED, Post.Status.PENDING), valid_until__lt=cutoff)
    )
    anonymised = mails = 0
    for post in due.only("pk", "uuid"):
        mails += blank_post(post, now=now)
        anonymised += 1
    return {"board_posts_anonymised": anonymised, "mails_deleted": mails}


def delete_unconfirmed(*, now):
    cutoff = now - timedelta(days=settings.PRIVACY_RETENTION["board_unconfirmed_days"])
    posts = list(Post.objects.filter(status=Post.Status.UNCONFIRMED, created_at__lt=cutoff).only("pk"))
    alerts = list(Alert.objects.filter(confirmed_at__isnull=True, created_at__lt=cutoff).only("pk"))
    mails = erase_mails(belonging_to=[p.outbox_key for p in posts] + [a.outbox_key for a in alerts])
    Post.objects.filter(pk__in=[p.pk for p in posts]).delete()
    Alert.objects.filter(pk__in=[a.pk for a in alerts]).delete()
    return {"board_unconfirmed_deleted": len(posts) + len(alerts), "mails_deleted": mails}
