"""Two people press "send" at the same moment and two workers run the batch job at once
(PostgreSQL, real threads with their own connections): one sending, one copy per subscriber."""

import threading

import pytest
from django.db import connection, connections

from accounts.testing import make_user
from newsletter import services
from newsletter.models import Delivery, Sending
from newsletter.testing import make_issue, make_subscriber

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking races need PostgreSQL"),
]


def in_threads(count, target):
    barrier, errors = threading.Barrier(count), []

    def run(index):
        try:
            barrier.wait()
            target(index)
        except Exception as error:  # noqa: BLE001 — reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []


def test_started_twice_at_once_and_batches_raced_give_one_copy_each(settings):
    settings.NEWSLETTER_RATE_PER_MINUTE = 1000
    issue = make_issue()
    for n in range(40):
        make_subscriber(f"leser{n}@example.org")
    team = make_user("team")

    in_threads(2, lambda index: services.start_sending(issue=issue, districts=[], topics=[], by=team))
    assert Sending.objects.count() == 1
    sending = Sending.objects.get()

    in_threads(3, lambda index: services.queue_batch(sending_id=sending.pk))
    assert Delivery.objects.count() == 40
    assert Delivery.objects.values("subscriber").distinct().count() == 40
