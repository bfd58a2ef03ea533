import pytest

from demo.seeders.events import seed_events
from demo.seeders.participants import seed_participants
from feedback.models import Answer
from participants.models import CheckIn, WalkIn
from registrations.models import Booking

pytestmark = pytest.mark.django_db


def test_demo_event_has_attendance_a_walk_in_and_unread_feedback():
    seed_events(upcoming=3, past=5)
    assert seed_participants() == 13
    assert Booking.objects.filter(attended=True).count() == 10
    assert CheckIn.objects.count() == 10 and WalkIn.objects.count() == 1
    assert Answer.objects.count() == 5
    assert seed_participants() == 0  # idempotent
