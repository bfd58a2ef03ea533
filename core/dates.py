"""Dates the way people write them: "Sa, 27. Feb. 2026, 10–17 Uhr"."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import get_language

DE_WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"]
DE_MONTHS = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."]
EN_WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _english():
    return (get_language() or "de").startswith("en")


def format_day(value) -> str:
    value = timezone.localtime(value) if hasattr(value, "hour") else value
    if _english():
        return f"{EN_WEEKDAYS[value.weekday()]}, {value.day} {EN_MONTHS[value.month - 1]} {value.year}"
    return f"{DE_WEEKDAYS[value.weekday()]}, {value.day}. {DE_MONTHS[value.month - 1]} {value.year}"


def _clock_de(value, short_ok):
    return f"{value.hour}" if short_ok else f"{value.hour}:{value.minute:02d}"


def _clock_en(value):
    return f"{value.hour:02d}:{value.minute:02d}"


def format_time(value) -> str:
    value = timezone.localtime(value)
    if _english():
        return _clock_en(value)
    return f"{_clock_de(value, value.minute == 0)} Uhr"


def format_span(start, end) -> str:
    """A start/end pair as one readable phrase."""
    start, end = timezone.localtime(start), timezone.localtime(end)
    if start.date() == end.date():
        if _english():
            return f"{format_day(start)}, {_clock_en(start)}–{_clock_en(end)}"
        full_hours = start.minute == 0 and end.minute == 0
        return f"{format_day(start)}, {_clock_de(start, full_hours)}–{_clock_de(end, full_hours)} Uhr"
    return f"{format_day(start)}, {format_time(start)} – {format_day(end)}, {format_time(end)}"


def months(n) -> timedelta:
    """A period of n months for retention rules: a month is counted as 30.44 days, exact enough for
    a retention period, and the same everywhere."""
    return timedelta(days=round(30.44 * n))


def years(n) -> timedelta:
    return timedelta(days=round(365.25 * n))
