"""The demo has requests in every state across several districts, one turned into a published event."""

import pytest
from django.core.management import call_command

from training_requests.models import TrainingRequest

pytestmark = pytest.mark.django_db


def test_demo_requests_cover_every_state_and_one_became_an_event():
    call_command("seed_demo", verbosity=0)
    requests = TrainingRequest.objects.select_related("municipality__district", "event")
    assert {r.state for r in requests} == set(TrainingRequest.State.values)
    assert len({r.municipality.district_id for r in requests}) >= 5
    (planned,) = [r for r in requests if r.event_id]
    assert planned.state == "planned" and planned.event.status == "published"
    assert requests.filter(partner_organisation__isnull=False).count() >= 2
    assert all(r.contact_email.endswith("@example.org") for r in requests)
    assert requests.with_reply_state().filter(last_unread_id__isnull=False).exists()
