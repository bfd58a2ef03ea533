"""Builders for the board (real rows, no mocks)."""

import itertools
from datetime import timedelta

from django.utils import timezone

from board.models import Alert, Post
from regions.testing import municipality

_counter = itertools.count(1)


def make_post(*, title=None, place="Bautzen", status="published", email=None, **fields):
    n = next(_counter)
    now = timezone.now()
    values = {
        "kind": "need",
        "category": "interpreting",
        "title": title or f"Beitrag Nr. {n}",
        "text": "Wir suchen Unterstützung bei Terminen im Landratsamt.",
        "municipality": municipality(place),
        "poster": Post.Poster.PRIVATE,
        "first_name": "Sam",
        "email": email or f"poster-{n}@example.org",
        "status": status,
        "valid_until": now + timedelta(weeks=8),
        "confirmed_at": None if status == "unconfirmed" else now,
        "published_at": now if status == "published" else None,
    }
    values.update(fields)
    return Post.objects.create(**values)


def make_alert(*, email="alert@example.org", confirmed=True, **fields):
    now = timezone.now()
    values = {"email": email, "confirmed_at": now if confirmed else None, "last_sent_at": now if confirmed else None}
    values.update(fields)
    return Alert.objects.create(**values)
