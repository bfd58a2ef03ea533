"""Two workers never send the same row: real threads, real database connections (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections
from django_tasks_db.management.commands.db_worker import Worker

from mail.models import OutboxMessage
from mail.services import queue_mail
from mail.tasks import send_outbox_message

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking races need PostgreSQL"),
]


def queue(count):
    return [
        queue_mail(to=f"person{n}@example.org", template="mail/example/hello", context={"name": n, "link": "x"})
        for n in range(count)
    ]


def in_threads(count, target):
    errors = []

    def run(index):
        try:
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


def test_two_db_workers_send_each_row_once(smtp_server):
    messages = queue(30)  # on_commit enqueued one job per message …
    for message in messages:  # … and a second, duplicate job each, as a sweep after a crash might
        send_outbox_message.enqueue(message_id=message.pk)

    def work(index):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=f"worker-{index}",
            excluded_queue_names=[],
        ).run()

    in_threads(2, work)

    ids = smtp_server.message_ids()
    assert len(ids) == 30 and len(set(ids)) == 30
    assert sorted(ids) == sorted(m.message_id for m in messages)
    assert list(OutboxMessage.objects.values_list("status", "attempts").order_by().distinct()) == [("sent", 1)]


def test_many_threads_racing_for_the_same_rows_send_each_once(smtp_server):
    messages = queue(10)
    barrier = threading.Barrier(6)

    def race(index):
        barrier.wait()
        for message in messages:
            send_outbox_message.call(message_id=message.pk)

    in_threads(6, race)

    ids = smtp_server.message_ids()
    assert sorted(ids) == sorted(m.message_id for m in messages)
    assert OutboxMessage.objects.filter(status="sent", attempts=1).count() == 10
