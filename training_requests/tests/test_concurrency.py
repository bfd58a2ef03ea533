"""Two team members changing the same request at the same moment: one wins, the other is told."""

import threading

import pytest
from django.db import connection, connections

from accounts.testing import make_user
from training_requests import services
from training_requests.models import TrainingRequest
from training_requests.testing import make_request

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL"),
]


def test_two_team_members_at_once_do_not_overwrite_each_other():
    first, second = make_user("team"), make_user("team")
    training_request = make_request(state="discussion")
    seen = training_request.version
    barrier = threading.Barrier(2)
    outcomes = {}

    def decline(user):
        try:
            barrier.wait()
            services.change_state(
                actor=user,
                training_request=training_request,
                to_state="declined",
                reason=f"Grund von {user.pk}",
                expected_version=seen,
            )
            outcomes[user.pk] = "saved"
        except services.EditConflict:
            outcomes[user.pk] = "conflict"
        finally:
            connections.close_all()

    def plan(user):
        try:
            barrier.wait()
            services.plan_event(actor=user, training_request=training_request, expected_version=seen)
            outcomes[user.pk] = "saved"
        except services.EditConflict:
            outcomes[user.pk] = "conflict"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decline, args=(first,)), threading.Thread(target=plan, args=(second,))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes.values()) == ["conflict", "saved"]
    training_request = TrainingRequest.objects.get(pk=training_request.pk)
    assert training_request.version == seen + 1
    if outcomes[first.pk] == "saved":
        assert training_request.state == "declined" and training_request.event_id is None
    else:
        assert training_request.state == "discussion" and training_request.event_id is not None
    assert training_request.state_changes.count() == 1 + (training_request.state == "declined")
