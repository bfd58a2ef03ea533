"""The shapes every figure comes in (a number or a table, each with its definition), and the whole
report put together from the sections."""

import hashlib
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    definition: str
    value: float | int | None  # None: withheld (fewer answers than the anonymity threshold)


def figure(key, value):
    from reports.definitions import FIGURES

    label, definition = FIGURES[key]
    return Figure(key, label, definition, value)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: tuple


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    definition: str
    columns: tuple  # the labels of the value columns (the row label's column is `first`)
    rows: tuple
    first: str = ""

    def labelled_rows(self):
        """[(row, [(column label, value)])]: for tables that stack into labelled rows on a phone."""
        return [(row, list(zip(self.columns, row.values, strict=True))) for row in self.rows]

    def column(self, index=0) -> dict:
        return {row.key: row.values[index] for row in self.rows}


@dataclass
class Report:
    scope: object
    sections: list = field(default_factory=list)  # (title, [Figure], [Table])

    def figures(self):
        return [figure for _title, figures, _tables in self.sections for figure in figures]

    def tables(self):
        return [table for _title, _figures, tables in self.sections for table in tables]

    def figure(self, key):
        return next(f for f in self.figures() if f.key == key)

    def table(self, key):
        return next(t for t in self.tables() if t.key == key)

    def values(self) -> dict:
        """Every figure and table cell by key: what comparisons and exports read."""
        found = {f.key: f.value for f in self.figures()}
        for table in self.tables():
            for row in table.rows:
                for column, value in zip(table.columns, row.values, strict=True):
                    found[f"{table.key}/{row.key}/{column}"] = value
        return found


def build_report(scope, *, full=True):
    """The report for `scope`. `full=False` (partner accounts) leaves out what is not about events."""
    from reports.queries import events, people, programme

    report = Report(scope=scope)
    report.sections.append((_("Angebote und Stunden"), *events.section(scope)))
    report.sections.append((_("Anmeldungen und Teilnehmer_innen"), *people.section(scope)))
    if full:
        report.sections.append((_("Multiplikator_innen, Beratungen, Anfragen"), *programme.network_section(scope)))
    report.sections.append((_("Fachkonferenzen, Newsletter, Feedback"), *programme.outreach_section(scope, full=full)))
    return report


def _in_words(report):
    """The report with its labels as plain text in the active language (lazy labels are slow to
    unpickle from the cache)."""

    def table(t):
        rows = tuple(replace(row, label=str(row.label)) for row in t.rows)
        columns = tuple(str(c) for c in t.columns)
        return replace(
            t, title=str(t.title), definition=str(t.definition), columns=columns, rows=rows, first=str(t.first)
        )

    def figures(found):
        return [replace(f, label=str(f.label), definition=str(f.definition)) for f in found]

    sections = [(str(title), figures(found), [table(t) for t in tables]) for title, found, tables in report.sections]
    return Report(scope=report.scope, sections=sections)


def cached_report(scope, *, full=True, refresh=False):
    """(report, when it was computed): reused for REPORTS_CACHE_SECONDS, so switching the map, adding
    a comparison or downloading the files does not count a year of registrations again. Only sums are
    kept, per language; `refresh` computes anew."""
    seconds = settings.REPORTS_CACHE_SECONDS
    key = "reports:" + hashlib.sha256(repr((scope, full, get_language())).encode()).hexdigest()
    if seconds and not refresh:
        found = cache.get(key)
        if found is not None:
            return found
    found = (_in_words(build_report(scope, full=full)), timezone.now())
    if seconds:
        cache.set(key, found, seconds)
    return found


def difference(now, then):
    if now is None or then is None:
        return None
    return round(now - then, 2)


def compare(report, other):
    """[(Figure, value of the other period, difference)] for every figure of `report`."""
    values = {f.key: f.value for f in other.figures()}
    return [(f, values.get(f.key), difference(f.value, values.get(f.key))) for f in report.figures()]


def sections_with(report, comparison=None):
    """[(title, [(Figure, value of the other period, difference)], tables)]: what the page and the PDF
    list, each figure next to its comparison (None without one)."""
    compared = {f.key: (then, diff) for f, then, diff in comparison or ()}
    return [
        (title, [(f, *compared.get(f.key, (None, None))) for f in figures], tables)
        for title, figures, tables in report.sections
    ]
