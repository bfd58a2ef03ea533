"""The quick choices of the report form: calendar years, half-years, quarters and the funding
period configured in settings.REPORTS_FUNDING_PERIOD ("2025-01-01/2026-12-31")."""

from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

ONE_DAY = timedelta(days=1)


def funding_period():
    """(start, end) of the configured funding period, or None."""
    value = getattr(settings, "REPORTS_FUNDING_PERIOD", "")
    if not value:
        return None
    start, end = (date.fromisoformat(part.strip()) for part in value.split("/"))
    return start, end


def _quarter_end(year, quarter):
    return date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - ONE_DAY


def presets(today):
    """[(value, label, start, end)], newest first: this and the last two years with their halves
    and quarters, then the funding period."""
    found = []
    for year in (today.year, today.year - 1, today.year - 2):
        found.append((f"jahr-{year}", _("Jahr %(year)s") % {"year": year}, date(year, 1, 1), date(year, 12, 31)))
        halves = ((date(year, 1, 1), date(year, 6, 30)), (date(year, 7, 1), date(year, 12, 31)))
        for half, (start, end) in enumerate(halves, 1):
            label = _("%(half)s. Halbjahr %(year)s") % {"half": half, "year": year}
            found.append((f"halbjahr-{year}-{half}", label, start, end))
        for quarter in range(1, 5):
            start = date(year, 3 * quarter - 2, 1)
            label = _("%(quarter)s. Quartal %(year)s") % {"quarter": quarter, "year": year}
            found.append((f"quartal-{year}-{quarter}", label, start, _quarter_end(year, quarter)))
    period = funding_period()
    if period:
        label = _("Förderzeitraum %(start)s – %(end)s") % {
            "start": period[0].strftime("%d.%m.%Y"),
            "end": period[1].strftime("%d.%m.%Y"),
        }
        found.append(("foerderzeitraum", label, *period))
    return found


def year_before(start, end):
    """The same days one year earlier (29 February becomes the 28th)."""

    def shift(day):
        try:
            return day.replace(year=day.year - 1)
        except ValueError:
            return day.replace(year=day.year - 1, day=28)

    return shift(start), shift(end)


def period_before(start, end):
    """The period of the same length that ends the day before `start`."""
    length = end - start
    new_end = start - ONE_DAY
    return new_end - length, new_end
