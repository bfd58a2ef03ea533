"""Reading rows out of our models, and formatting and parsing single HSDS values."""

import math
import uuid
from datetime import UTC, date, datetime, time

from directory.hsds import tables
from directory.models import SAXONY_ARS


def table_queryset(table):
    """All rows of a table in a fixed order (by id), with what the row needs in one query."""
    queryset = table.model.objects.all()
    if table is tables.LOCATION:
        queryset = queryset.select_related("municipality")
    elif table is tables.SERVICE_AREA:
        queryset = queryset.select_related("district", "municipality")
    return queryset.order_by("id")


def column_value(column, obj):
    """The typed value of one column for one model instance."""
    if column.kind == "fixed":
        return column.attr
    if column.kind == "ars":
        return obj.municipality.ars if column.field == "municipality" else obj.ars
    return getattr(obj, column.field)


def row_values(table, obj) -> dict:
    return {column.name: column_value(column, obj) for column in table.columns}


def to_text(value) -> str:
    """The CSV form of a value: stable, so repeated exports are byte-identical."""
    if value is None:
        return ""
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_json(value):
    """The JSON form of a value; None and empty strings are left out by the caller."""
    if isinstance(value, float | int | bool) or value is None:
        return value
    return to_text(value)


def format_datetime(value: datetime) -> str:
    """ISO 8601 in UTC with milliseconds, as HSDS recommends ("2023-03-15T10:30:45.123Z")."""
    return value.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class BadValue(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def parse_uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text)
    except ValueError as exc:
        raise BadValue(f"'{text[:60]}' is not a UUID (expected e.g. 3f7b145d-84af-42d7-8fae-eaca714b02b2)") from exc


def parse_number(text: str) -> float:
    try:
        number = float(text)
    except ValueError as exc:
        raise BadValue(f"'{text[:60]}' is not a number (use a dot as decimal separator)") from exc
    if not math.isfinite(number):
        raise BadValue(f"'{text[:60]}' is not a finite number")
    return number


def parse_time(text: str) -> time:
    for pattern in ("%H:%M", "%H:%M:%S"):
        try:
            return datetime.strptime(text, pattern).time()
        except ValueError:
            continue
    raise BadValue(f"'{text[:60]}' is not a time (expected HH:MM, e.g. 09:30)")


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise BadValue(f"'{text[:60]}' is not a date (expected YYYY-MM-DD)") from exc


def parse_datetime(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise BadValue(f"'{text[:60]}' is not a date and time (expected ISO 8601, e.g. 2024-05-01T08:00:00Z)") from exc
    if value.tzinfo is None:
        raise BadValue(f"'{text[:60]}' has no time zone (add Z for UTC or an offset like +02:00)")
    return value


def area_scope(ars: str, *, districts: dict, municipalities: dict) -> dict:
    """Model fields for a service area's Regionalschlüssel; raises BadValue for unknown keys."""
    if ars == SAXONY_ARS:
        return {"district_id": None, "municipality_id": None}
    if ars in districts:
        return {"district_id": districts[ars], "municipality_id": None}
    if ars in municipalities:
        return {"district_id": None, "municipality_id": municipalities[ars]}
    raise BadValue(
        f"'{ars[:60]}' is no Saxon Regionalschlüssel we know (14 = Saxony, 5 digits = district, 12 = municipality)"
    )
