"""Server-rendered bar charts (inline SVG, no JavaScript) and the shaded district map of a report.
Each picture's numbers are also in a table next to it."""

from dataclasses import dataclass

from regions.maps import build_map
from regions.models import District

WIDTH = 640
BAR_AREA = 180
LABEL_HEIGHT = 40


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    x: float
    y: float
    width: float
    height: float


def bar_chart(table, column=0, *, title=""):
    """A vertical bar chart of one column of a report table."""
    values = [(row.label, row.values[column] or 0) for row in table.rows]
    highest = max((v for _label, v in values), default=0) or 1
    slot = WIDTH / max(len(values), 1)
    bars = [
        Bar(
            label=label,
            value=value,
            x=round(index * slot + slot * 0.15, 1),
            y=round(BAR_AREA - BAR_AREA * value / highest + 16, 1),
            width=round(slot * 0.7, 1),
            height=round(BAR_AREA * value / highest, 1),
        )
        for index, (label, value) in enumerate(values)
    ]
    return {
        "title": title or table.title,
        "column": table.columns[column],
        "bars": bars,
        "width": WIDTH,
        "height": BAR_AREA + 16 + LABEL_HEIGHT,
        "baseline": BAR_AREA + 16,
        "label_y": BAR_AREA + 34,
        "table": table,
        "key": f"{table.key}-{column}",
    }


def district_map(report, figure):
    """The map shaded by `figure` ("teilnehmende", "angebote", "beratungen") with its rows."""
    sources = {
        "teilnehmende": "participants_by_district",
        "angebote": "offers_by_district",
        "beratungen": "consultations_by_district",
    }
    keys = {table.key for table in report.tables()}
    source = sources[figure] if sources[figure] in keys else sources["teilnehmende"]
    table = report.table(source)
    by_slug = table.column(0)
    districts = list(District.objects.order_by("name"))
    values = {d.pk: by_slug.get(d.slug, 0) for d in districts if d.slug in by_slug}
    return {"map": build_map(districts, values, None), "table": table}
