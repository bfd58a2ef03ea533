"""Import an HSDS tabular package: all or nothing, idempotent by id.

First every cell is read and checked (types, required values, references to rows in the
package or already in the database, Saxon Regionalschlüssel). Only if nothing is wrong are
the rows written, table by table in dependency order, inside one transaction; a row whose id
exists already is updated. Rows that the package does not mention are left alone.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import IntegrityError, transaction

from directory.hours import WEEKDAYS
from directory.hsds import tables
from directory.hsds.reading import ImportRefused, Problem, Problems, read_package
from directory.hsds.values import (
    BadValue,
    area_scope,
    parse_date,
    parse_datetime,
    parse_number,
    parse_time,
    parse_uuid,
)
from directory.models import Service
from regions.models import District, Municipality
from regions.queries import haversine_km

PARSERS = {
    "uuid": parse_uuid,
    "ref": parse_uuid,
    "number": parse_number,
    "time": parse_time,
    "date": parse_date,
    "datetime": parse_datetime,
}
URL_FIELDS = {"website", "url", "uri"}


@dataclass
class Regions:
    districts: dict  # ars → id
    municipalities: dict  # ars → id
    points: list  # (id, lat, lon)

    @classmethod
    def load(cls):
        municipalities = list(Municipality.objects.values_list("ars", "id", "lat", "lon"))
        return cls(
            districts=dict(District.objects.values_list("ars", "id")),
            municipalities={ars: pk for ars, pk, _, _ in municipalities},
            points=[(pk, lat, lon) for _, pk, lat, lon in municipalities],
        )

    def nearest(self, lat, lon):
        return min(self.points, key=lambda p: haversine_km(lat, lon, p[1], p[2]))[0]


def _text_problem(table, column, value):
    model_field = _model_field(table, column)
    max_length = getattr(model_field, "max_length", None)
    if max_length and len(value) > max_length:
        return f"is {len(value)} characters long; at most {max_length} fit"
    try:
        if column.name == "email" and value:
            EmailValidator()(value)
        if column.name in URL_FIELDS and value:
            URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return f"'{value[:60]}' is not a valid {'e-mail address' if column.name == 'email' else 'http(s) URL'}"
    return None


def _model_field(table, column):
    try:
        return table.model._meta.get_field(column.field)
    except FieldDoesNotExist:  # virtual columns (fixed values, Regionalschlüssel) have none
        return None


def _parse_cell(table, column, text, regions):
    """The model fields for one cell; raises BadValue with a message saying what to fix."""
    if column.kind == "fixed":
        if text and text != column.attr:
            raise BadValue(f"must be '{column.attr}' (the only value we can import)")
        return {}
    if column.kind == "ars":
        if column.field == "municipality":
            if not text:
                return {"municipality_id": None}  # filled from the coordinates below
            if text not in regions.municipalities:
                raise BadValue(f"'{text[:60]}' is not the Regionalschlüssel of a Saxon municipality")
            return {"municipality_id": regions.municipalities[text]}
        return area_scope(text, districts=regions.districts, municipalities=regions.municipalities)
    if column.kind in PARSERS:
        return {column.field: PARSERS[column.kind](text) if text else None}
    problem = _text_problem(table, column, text)
    if problem:
        raise BadValue(problem)
    return {column.field: text}


def _row_rules(table, fields, regions):
    """Checks across cells of one row: (field, message) pairs."""
    found = []
    if table is tables.SERVICE and fields.get("status") not in Service.Status.values:
        found.append(("status", f"must be one of {', '.join(Service.Status.values)}"))
    if table is tables.SCHEDULE:
        if fields.get("freq") != "WEEKLY":
            found.append(("freq", "only WEEKLY schedules can be imported"))
        days = [d.strip() for d in (fields.get("byday") or "").split(",")]
        if not days or any(day not in WEEKDAYS for day in days):
            found.append(("byday", f"must list weekdays from {','.join(WEEKDAYS)}, e.g. MO,WE"))
        if fields.get("opens_at") and fields.get("closes_at") and fields["closes_at"] <= fields["opens_at"]:
            found.append(("closes_at", "must be later than opens_at"))
    if table is tables.LOCATION and fields.get("latitude") is not None and fields.get("longitude") is not None:
        if not (-90 <= fields["latitude"] <= 90):
            found.append(("latitude", "must be between -90 and 90"))
        elif not (-180 <= fields["longitude"] <= 180):
            found.append(("longitude", "must be between -180 and 180"))
        elif fields.get("municipality_id") is None:
            fields["municipality_id"] = regions.nearest(fields["latitude"], fields["longitude"])
    return found


def _check_rows(raw, regions, problems):
    """Parse every cell; returns table name → list of (row number, id, model fields, refs)."""
    parsed = {}
    for name, raw_table in raw.items():
        table = raw_table.table
        columns = [c for c in table.columns if c.name in raw_table.header]
        seen_ids, seen_codes, rows = set(), set(), []
        for number, cells in raw_table.rows:
            fields, refs, ok = {}, [], True
            for column in columns:
                text = cells[column.name]
                if column.required and not text:
                    problems.add(table.path, number, column.name, "is required but empty")
                    ok = False
                    continue
                try:
                    fields.update(_parse_cell(table, column, text, regions))
                except BadValue as exc:
                    problems.add(table.path, number, column.name, str(exc))
                    ok = False
                    continue
                if column.kind == "ref" and text:
                    refs.append((column, fields[column.field]))
            if not ok:
                continue
            for field_name, message in _row_rules(table, fields, regions):
                problems.add(table.path, number, field_name, message)
                ok = False
            record_id = fields.pop("id")
            if record_id in seen_ids:
                problems.add(table.path, number, "id", f"{record_id} appears twice in this file")
                ok = False
            seen_ids.add(record_id)
            if table is tables.TAXONOMY_TERM:
                if fields["code"] in seen_codes:
                    problems.add(table.path, number, "code", f"'{fields['code']}' appears twice in this file")
                    ok = False
                seen_codes.add(fields["code"])
            if ok:
                rows.append((number, record_id, fields, refs))
        parsed[name] = rows
    return parsed


def _check_references(parsed, problems):
    in_package = {name: {row[1] for row in rows} for name, rows in parsed.items()}
    wanted: dict[str, set] = {}
    for rows in parsed.values():
        for _, _, _, refs in rows:
            for column, value in refs:
                if value not in in_package.get(column.target, set()):
                    wanted.setdefault(column.target, set()).add(value)
    in_database = {}
    for target, ids in wanted.items():
        model = tables.BY_NAME[target].model
        found = set()
        chunk = list(ids)
        for start in range(0, len(chunk), 500):
            found.update(model.objects.filter(id__in=chunk[start : start + 500]).values_list("id", flat=True))
        in_database[target] = found
    for name, rows in parsed.items():
        table = tables.BY_NAME[name]
        for number, _, _, refs in rows:
            for column, value in refs:
                target = tables.BY_NAME[column.target]
                if value in in_package.get(target.name, set()) or value in in_database.get(target.name, set()):
                    continue
                problems.add(
                    table.path,
                    number,
                    column.name,
                    f"unknown reference: no {target.name} with id {value} in {target.path} or in the database",
                )


def _write(parsed) -> dict:
    summary = {}
    for table in tables.TABLES:
        rows = parsed.get(table.name)
        if not rows:
            continue
        model = table.model
        objects = [model(id=record_id, **fields) for _, record_id, fields, _ in rows]
        ids = [obj.id for obj in objects]
        existing = set()
        for start in range(0, len(ids), 500):
            existing.update(model.objects.filter(id__in=ids[start : start + 500]).values_list("id", flat=True))
        update_fields = sorted({key for _, _, fields, _ in rows for key in fields})
        model.objects.bulk_create(
            objects, batch_size=500, update_conflicts=True, unique_fields=["id"], update_fields=update_fields
        )
        summary[table.path] = {"created": len(ids) - len(existing), "updated": len(existing)}
    return summary


def import_package(directory: Path) -> dict:
    """Import the package in `directory`; returns per file how many rows were created/updated.

    Raises ImportRefused (with every problem found) and changes nothing if anything is wrong.
    """
    problems = Problems()
    raw = read_package(directory, problems)
    if problems:
        raise ImportRefused(problems.items)
    parsed = _check_rows(raw, Regions.load(), problems)
    _check_references(parsed, problems)
    if problems:
        raise ImportRefused(problems.items)
    try:
        with transaction.atomic():
            return _write(parsed)
    except IntegrityError as exc:
        # e.g. a topic code or a service–topic pair that the database already holds under another id
        message = f"the database refused the rows ({str(exc).splitlines()[0][:200]})"
        raise ImportRefused([Problem("package", None, None, message)]) from exc
