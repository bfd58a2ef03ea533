"""Many workers running the same delivery's job at once: one attempt, one POST."""

import threading

import pytest
from django.db import connection, connections

from events.testing import make_event
from webhooks.models import Delivery
from webhooks.tasks import deliver
from webhooks.testing import make_subscription, start_receiver

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrent claims need PostgreSQL"),
]

THREADS = 8


def test_concurrent_jobs_for_one_delivery_send_it_once(team, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True
    server, receiver = start_receiver()
    subscription = make_subscription(team, url=receiver.url, event_types=["event.published"])
    event = make_event()
    delivery = Delivery.objects.create(
        subscription=subscription, message_id="msg_race", event_type="event.published", payload={"id": event.pk}
    )
    barrier = threading.Barrier(THREADS)
    outcomes, errors = [], []

    def attempt():
        try:
            barrier.wait()
            outcomes.append(deliver.call(delivery_id=delivery.pk))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    server.shutdown()
    server.server_close()

    assert errors == []
    assert sorted(outcomes) == ["not due"] * (THREADS - 1) + ["succeeded"]
    assert len(receiver.received) == 1
    delivery.refresh_from_db()
    assert delivery.status == "succeeded" and delivery.attempts == 1
