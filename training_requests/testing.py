"""Builders for training requests (no mocks: these write real rows)."""

import itertools
from datetime import timedelta

from django.utils import timezone

from regions.testing import municipality
from training_requests.models import StateChange, TrainingRequest

_counter = itertools.count(1)


def make_request(*, place="Zittau", state="new", confirmed=True, created_days_ago=0, **fields):
    """A request in `state` (the history records the way there in one step)."""
    n = next(_counter)
    now = timezone.now()
    values = {
        "organisation": f"Evangelische Kirchgemeinde Nr. {n}",
        "kind": TrainingRequest.Kind.PARISH,
        "municipality": municipality(place),
        "expected_participants": 15,
        "contact_name": f"Kim Beispiel {n}",
        "contact_email": f"anfrage-{n}@example.org",
        "wished_period": "Frühjahr",
        "email_confirmed_at": now if confirmed else None,
        "state": state,
        "state_changed_at": now - timedelta(days=created_days_ago),
        "closed_at": now if state in TrainingRequest.CLOSED else None,
    }
    values.update(fields)
    training_request = TrainingRequest.objects.create(**values)
    if created_days_ago:
        TrainingRequest.objects.filter(pk=training_request.pk).update(
            created_at=now - timedelta(days=created_days_ago), updated_at=now - timedelta(days=created_days_ago)
        )
        training_request.refresh_from_db()
    StateChange.objects.create(request=training_request, to_state=state, at=now)
    return training_request
