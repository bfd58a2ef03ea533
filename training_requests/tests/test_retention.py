"""Retention: contact data goes a configured time after the request closed; the counts stay."""

from datetime import timedelta

import pytest

from mail.models import OutboxMessage
from privacy.retention import apply_retention
from training_requests import services
from training_requests.models import Message, TrainingRequest
from training_requests.queries import requests_map, state_counts
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db


def test_closed_requests_lose_their_personal_data_after_the_period_counts_survive(team, clock, settings):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "training_request_months_after_closed": 12}
    declined = make_request(state="discussion", place="Zittau", message="Bitte bald", contact_phone="0351 1")
    services.send_message(actor=team, training_request=declined, body="Leider nicht")
    services.change_state(
        actor=team, training_request=declined, to_state="declined", reason="Kein Termin", expected_version=2
    )
    still_open = make_request(state="discussion", place="Bautzen")
    before = (state_counts(), [row.total for row in requests_map()["rows"]])
    assert OutboxMessage.objects.filter(belongs_to=f"training_request:{declined.pk}").exists()

    clock.shift(timedelta(days=300))
    apply_retention()
    declined.refresh_from_db()
    assert declined.contact_email and declined.anonymised_at is None  # not yet

    clock.shift(timedelta(days=100))
    apply_retention()
    declined.refresh_from_db()
    assert declined.anonymised_at is not None
    assert (declined.contact_name, declined.contact_email, declined.contact_phone, declined.message) == ("", "", "", "")
    assert declined.decline_reason == ""
    assert not Message.objects.filter(request=declined).exists()
    assert not OutboxMessage.objects.filter(belongs_to=f"training_request:{declined.pk}").exists()
    assert (declined.state, declined.kind, declined.municipality.name) == ("declined", "parish", "Zittau")
    still_open.refresh_from_db()
    assert still_open.contact_email and still_open.anonymised_at is None
    assert (state_counts(), [row.total for row in requests_map()["rows"]]) == before
    assert TrainingRequest.objects.count() == 2


def test_privacy_tools_find_export_and_erase_a_requesters_data():
    from privacy import rights

    training_request = make_request(contact_email="finde-mich@example.org", message="Hallo")
    data = rights.export_data(rights.find_person("finde-mich@example.org"))
    assert data["schulungsanfragen"][0]["nachricht"] == "Hallo"
    rights.erase_person(email="finde-mich@example.org")
    training_request.refresh_from_db()
    assert training_request.contact_email == "" and training_request.anonymised_at is not None
