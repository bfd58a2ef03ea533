"""The suite's clock: every test starts at the same moment, whatever the wall clock says."""

from datetime import timedelta

from django.utils import timezone

from conftest import clock_start


def test_every_test_starts_at_the_fixed_moment_and_the_clock_ticks_on():
    now = timezone.now()
    assert clock_start() <= now < clock_start() + timedelta(minutes=1)


def test_a_test_can_travel(clock):
    clock.shift(timedelta(days=400))
    assert timezone.now() - clock_start() >= timedelta(days=400)


def test_moments_without_an_offset_are_read_as_berlin_time(monkeypatch):
    monkeypatch.setenv("SFI_TEST_NOW", "2027-03-28T01:50:00")
    assert clock_start().utcoffset() == timedelta(hours=1)
    monkeypatch.setenv("SFI_TEST_NOW", "2026-10-25T02:20:00+02:00")
    assert clock_start().utcoffset() == timedelta(hours=2)
