"""The demo data gives last year a meaningful report."""

import pytest

from demo.seeders.events import seed_events
from demo.seeders.reports import seed_report_history
from reports.queries import build_report
from reports.staff_forms import default_form

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_last_year_has_people_first_timers_returning_people_and_attendance():
    seed_events(upcoming=0, past=120)
    assert seed_report_history(events=12) > 60
    form = default_form()
    assert form.is_valid()
    report = build_report(form.scope())
    people, first = report.figure("people").value, report.figure("first_timers").value
    assert people > 30 and 0 < first <= people
    assert report.figure("confirmed").value > people  # people came more than once
    assert report.figure("attended").value > 0 and report.figure("offers_held").value >= 12
