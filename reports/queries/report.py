"""The shapes every figure comes in (a number or a table, each with its definition), and the whole
report put together from the sections."""

from dataclasses import dataclass, field

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


def difference(now, then):
    if now is None or then is None:
        return None
    return round(now - then, 2)


def compare(report, other):
    """[(Figure, value of the other period, difference)] for every figure of `report`."""
    values = {f.key: f.value for f in other.figures()}
    return [(f, values.get(f.key), difference(f.value, values.get(f.key))) for f in report.figures()]
