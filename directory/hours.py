"""Opening hours: is a service open at a given moment, and how to show its week.

Schedules are HSDS weekly rules (FREQ=WEEKLY, BYDAY=MO,TU, opens_at–closes_at) in Saxony's
local time. Callers pass `now` explicitly, so tests use a fixed clock instead of mocks.
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

BERLIN = ZoneInfo("Europe/Berlin")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = {
    "MO": _("Montag"),
    "TU": _("Dienstag"),
    "WE": _("Mittwoch"),
    "TH": _("Donnerstag"),
    "FR": _("Freitag"),
    "SA": _("Samstag"),
    "SU": _("Sonntag"),
}


def parse_byday(value: str) -> list[str]:
    """'MO,TU' → ['MO', 'TU']; unknown codes are dropped (imports validate them first)."""
    days = [part.strip().upper() for part in (value or "").split(",")]
    return [day for day in days if day in WEEKDAYS]


def applies_on(schedule, day) -> bool:
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    return WEEKDAYS[day.weekday()] in parse_byday(schedule.byday)


def open_status(schedules, now: datetime) -> bool | None:
    """True if one schedule covers `now`, False if none does, None if no hours are known."""
    schedules = list(schedules)
    if not schedules:
        return None
    local = now.astimezone(BERLIN)
    today, clock = local.date(), local.time().replace(tzinfo=None)
    return any(applies_on(s, today) and s.opens_at <= clock < s.closes_at for s in schedules)


@dataclass
class DayHours:
    code: str
    name: str
    ranges: list[str]


def week_table(schedules, today) -> list[DayHours]:
    """One row per weekday with its opening ranges ("09:00–12:00"), for the service page."""
    rows = []
    for code in WEEKDAYS:
        ranges = sorted(
            f"{s.opens_at:%H:%M}–{s.closes_at:%H:%M}"
            for s in schedules
            if code in parse_byday(s.byday)
            and not (s.valid_to and s.valid_to < today)
            and not (s.valid_from and s.valid_from > today)
        )
        rows.append(DayHours(code=code, name=str(WEEKDAY_NAMES[code]), ranges=ranges))
    return rows
