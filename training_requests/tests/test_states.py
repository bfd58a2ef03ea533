"""The state machine: every allowed and every refused transition, with its reason; every change
recorded; the requester told by mail in their language."""

import itertools

import pytest

from events.testing import make_event
from mail.testing import deliver_outbox
from training_requests import services
from training_requests.models import TrainingRequest
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db

State = TrainingRequest.State
ALLOWED = {(a, b) for a, targets in services.TRANSITIONS.items() for b in targets}
EVERY_PAIR = [(a, b) for a, b in itertools.product(State.values, State.values) if a != b]


def test_the_allowed_transitions_are_exactly_these():
    assert {
        ("new", "discussion"),
        ("new", "planned"),
        ("new", "declined"),
        ("new", "withdrawn"),
        ("discussion", "planned"),
        ("discussion", "declined"),
        ("discussion", "withdrawn"),
        ("planned", "held"),
        ("planned", "discussion"),
        ("planned", "withdrawn"),
    } == ALLOWED


@pytest.mark.parametrize(("from_state", "to_state"), EVERY_PAIR)
def test_every_transition_is_allowed_or_refused_with_a_reason(team, from_state, to_state):
    event = make_event(status="draft") if to_state in ("planned", "held") else None
    training_request = make_request(state=from_state, event=event)
    reason = "Kein Termin frei." if to_state == "declined" else ""
    call = {
        "actor": team,
        "training_request": training_request,
        "to_state": to_state,
        "reason": reason,
        "expected_version": training_request.version,
    }
    if (from_state, to_state) in ALLOWED:
        services.change_state(**call)
        training_request.refresh_from_db()
        assert training_request.state == to_state
        change = training_request.state_changes.last()
        assert (change.from_state, change.to_state, change.actor) == (from_state, to_state, team)
        assert (training_request.closed_at is not None) == (to_state in TrainingRequest.CLOSED)
    else:
        with pytest.raises(services.TransitionRefused) as refused:
            services.change_state(**call)
        assert refused.value.reason
        training_request.refresh_from_db()
        assert training_request.state == from_state


def test_the_reasons_name_the_problem(team):
    new = make_request(state="new")
    with pytest.raises(services.TransitionRefused, match="erst sein, wenn sie geplant ist"):
        services.change_state(actor=team, training_request=new, to_state="held", expected_version=new.version)
    declined = make_request(state="declined")
    with pytest.raises(services.TransitionRefused, match="abgeschlossen"):
        services.plan_event(actor=team, training_request=declined, expected_version=declined.version)
    with pytest.raises(services.TransitionRefused, match="begründen"):
        services.change_state(actor=team, training_request=new, to_state="declined", expected_version=new.version)
    with pytest.raises(services.TransitionRefused, match="Als Angebot planen"):
        services.change_state(actor=team, training_request=new, to_state="planned", expected_version=new.version)


def test_a_stale_version_is_refused_and_nothing_is_written(team, admin):
    training_request = make_request(state="new")
    seen = training_request.version
    services.assign(actor=admin, training_request=training_request, assignee=admin, expected_version=seen)
    with pytest.raises(services.EditConflict):
        services.change_state(
            actor=team, training_request=training_request, to_state="discussion", expected_version=seen
        )
    training_request.refresh_from_db()
    assert training_request.state == "new" and training_request.assignee == admin


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("de", "Ihre Schulungsanfrage: abgelehnt", "Unsere Begründung"),
        ("en", "Your training request: declined", "Our reason"),
    ],
)
def test_the_requester_is_told_in_their_language(team, smtp_server, language, subject, words):
    training_request = make_request(state="discussion", language=language, contact_email=f"r-{language}@example.org")
    services.change_state(
        actor=team,
        training_request=training_request,
        to_state="declined",
        reason="Im März sind alle Referent_innen gebunden.",
        expected_version=training_request.version,
    )
    deliver_outbox()
    (mail,) = smtp_server.messages_to(f"r-{language}@example.org")
    assert mail.subject == subject
    assert words in mail.text and "Im März sind alle Referent_innen gebunden." in mail.text
    assert "/schulung-anfragen/anfrage/" in mail.text
    assert ("/en/" in mail.text) == (language == "en")


def test_team_message_reaches_the_requester_and_notes_stay_internal(team, client, smtp_server):
    from training_requests.tokens import personal_token

    training_request = make_request(state="discussion")
    services.send_message(actor=team, training_request=training_request, body="Passt Ihnen der 6. März?")
    services.add_note(actor=team, training_request=training_request, body="Pfarrerin rief an, intern")
    deliver_outbox()
    (mail,) = smtp_server.messages_to(training_request.contact_email)
    assert "Passt Ihnen der 6. März?" in mail.text
    page = client.get(f"/schulung-anfragen/anfrage/{personal_token(training_request)}/").content.decode()
    assert "Passt Ihnen der 6. März?" in page and "Pfarrerin rief an" not in page
