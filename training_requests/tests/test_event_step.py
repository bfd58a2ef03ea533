"""One step from a request to a draft event, and the event's status coming back to the request."""

from datetime import date, timedelta

import pytest

from events import services as event_services
from events.models import Event
from events.testing import make_contact, make_partner, make_target_group, make_topic, make_venue
from mail.testing import deliver_outbox
from training_requests import services
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db


def planned_event(team, **fields):
    topic, group = make_topic(), make_target_group()
    venue = make_venue("Zittau")
    training_request = make_request(
        state="discussion",
        expected_participants=18,
        window1_start=date.today() + timedelta(days=30),
        partner_organisation=make_partner("Kirchgemeinde Zittau"),
        **fields,
    )
    training_request.topics.set([topic])
    training_request.target_groups.set([group])
    event = services.plan_event(
        actor=team, training_request=training_request, expected_version=training_request.version
    )
    return training_request, event, venue


def test_plan_creates_a_prefilled_draft_linked_both_ways(team):
    training_request, event, venue = planned_event(team)
    event.refresh_from_db()
    assert event.status == Event.Status.DRAFT and event.kind == Event.Kind.TRAINING
    assert event.title == "Asylverfahren in Zittau"
    assert event.capacity == 18 and event.venue == venue
    assert list(event.topics.all()) == list(training_request.topics.all())
    assert list(event.target_groups.all()) == list(training_request.target_groups.all())
    assert [p.name for p in event.partners.all()] == ["Kirchgemeinde Zittau"]
    assert event.start.date() == training_request.window1_start
    training_request.refresh_from_db()
    assert training_request.event == event and list(event.training_requests.all()) == [training_request]
    with pytest.raises(services.TransitionRefused):  # only once
        services.plan_event(actor=team, training_request=training_request, expected_version=training_request.version)


def test_a_new_request_moves_to_discussion_when_planned(team):
    training_request = make_request(state="new")
    services.plan_event(actor=team, training_request=training_request, expected_version=training_request.version)
    training_request.refresh_from_db()
    assert training_request.state == "discussion"


def test_publish_held_and_cancel_move_the_request(team, clock, smtp_server):
    training_request, event, _venue = planned_event(team)
    Event.objects.filter(pk=event.pk).update(contact=make_contact())
    event.refresh_from_db()
    event_services.publish_event(actor=team, event=event)
    training_request.refresh_from_db()
    assert training_request.state == "planned"
    deliver_outbox()
    (mail,) = [m for m in smtp_server.messages_to(training_request.contact_email) if "geplant" in m.subject]
    assert event.get_absolute_url() in mail.text

    clock.shift(timedelta(days=40))
    event_services.mark_event_held(actor=team, event=event)
    training_request.refresh_from_db()
    assert training_request.state == "held" and training_request.closed_at is not None
    last = training_request.state_changes.last()
    assert (last.from_state, last.to_state, last.actor) == ("planned", "held", None)


def test_cancelling_the_event_puts_the_request_back_into_discussion(team):
    training_request, event, _venue = planned_event(team)
    Event.objects.filter(pk=event.pk).update(contact=make_contact())
    event_services.publish_event(actor=team, event=event)
    _event, told = event_services.cancel_event(actor=team, event=event)
    training_request.refresh_from_db()
    assert training_request.state == "discussion"
    assert told == 1


def test_events_without_a_request_are_untouched(team):
    make_request(state="discussion")
    from events.testing import make_event

    event = make_event(status="draft")
    event_services.publish_event(actor=team, event=event)
    assert event.training_requests.count() == 0
