"""Two clicks at the same moment: a post is confirmed once and decided once, each with one mail."""

import threading

import pytest
from django.db import connection, connections

from accounts.testing import make_user
from board import services
from board.models import Post
from board.testing import make_post
from mail.models import OutboxMessage

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL"),
]

THREADS = 8


def _at_once(action):
    barrier = threading.Barrier(THREADS)
    results, errors = [], []

    def attempt(n):
        try:
            barrier.wait()
            results.append(action(n))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_confirming_at_once_confirms_once_with_one_mail():
    post = make_post(status="unconfirmed")
    results, errors = _at_once(lambda n: services.confirm_post(post=post)[1])
    assert errors == [] and sorted(results) == [False] * (THREADS - 1) + [True]
    assert Post.objects.get().status == "pending"
    assert OutboxMessage.objects.filter(belongs_to=post.outbox_key).count() == 1


def test_approve_and_reject_at_once_one_decision_wins():
    post = make_post(status="pending")
    team = make_user("team")

    def decide(n):
        if n % 2:
            return services.approve_post(post=post, by=team, version=post.version).status
        return services.reject_post(post=post, by=team, reason="Bitte ohne Telefonnummer.", version=post.version).status

    results, errors = _at_once(decide)
    assert len(results) == 1
    assert all(isinstance(e, (services.StaleVersion, services.NotReviewable)) for e in errors)
    assert Post.objects.get().status == results[0]
    assert OutboxMessage.objects.filter(belongs_to=post.outbox_key).count() == 1
