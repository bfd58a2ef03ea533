"""The reports' tests build their data in 2026 and read it as "last year"."""

import pytest
from django.utils import timezone


@pytest.fixture(autouse=True)
def _report_year_2026(clock):
    """The date is fixed to 13 January 2027; the time of day stays the one the run chose (CI picks
    awkward moments), so the figures never depend on the day the suite runs."""
    now = timezone.localtime()
    clock.move_to(now.replace(year=2027, month=1, day=13))
