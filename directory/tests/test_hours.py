from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from directory.hours import open_status, week_table

BERLIN = ZoneInfo("Europe/Berlin")


def rule(byday, opens, closes, **extra):
    values = {"byday": byday, "opens_at": time.fromisoformat(opens), "closes_at": time.fromisoformat(closes)}
    values.update({"valid_from": None, "valid_to": None, **extra})
    return SimpleNamespace(**values)


def at(*args):
    return datetime(*args, tzinfo=BERLIN)


def test_open_within_hours_and_closed_at_closing_time():
    rules = [rule("MO,WE", "09:00", "12:00")]
    assert open_status(rules, at(2026, 3, 2, 9, 0)) is True  # Monday, opening minute
    assert open_status(rules, at(2026, 3, 2, 12, 0)) is False  # closing time is closed
    assert open_status(rules, at(2026, 3, 3, 10, 0)) is False  # Tuesday


def test_unknown_hours_are_not_closed():
    assert open_status([], at(2026, 3, 2, 10, 0)) is None


def test_validity_period_is_respected():
    rules = [rule("MO", "09:00", "17:00", valid_from=date(2026, 4, 1))]
    assert open_status(rules, at(2026, 3, 30, 10, 0)) is False
    assert open_status(rules, at(2026, 4, 6, 10, 0)) is True


def test_time_is_compared_in_berlin_time_across_daylight_saving():
    rules = [rule("SU", "09:00", "10:00")]
    # 29 March 2026 is the switch to summer time: 07:30 UTC is 09:30 in Berlin.
    assert open_status(rules, datetime(2026, 3, 29, 7, 30, tzinfo=ZoneInfo("UTC"))) is True


def test_week_table_lists_every_day():
    rows = week_table([rule("MO,TU", "09:00", "12:00"), rule("TU", "13:00", "16:00")], date(2026, 3, 2))
    assert [row.code for row in rows] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert rows[1].ranges == ["09:00–12:00", "13:00–16:00"]
    assert rows[2].ranges == []
