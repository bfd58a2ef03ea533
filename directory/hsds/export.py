"""Write the directory as an HSDS 3.0 tabular data package (datapackage.json + CSV files).

The output is deterministic: rows sorted by id, fixed column order, no timestamps in the
descriptor, so exporting the same data twice gives byte-identical files.
"""

import csv
import io
import json
from pathlib import Path

from directory.hsds import tables
from directory.hsds.values import row_values, table_queryset, to_text

PACKAGE_NAME = "sfi-fachstellen-wegweiser"
HSDS_PROFILE = "https://openreferral.org/hsds/3.0"
FIELD_TYPES = {
    "uuid": ("string", "uuid"),
    "ref": ("string", "uuid"),
    "number": ("number", None),
    "time": ("time", None),
    "date": ("date", None),
    "datetime": ("datetime", None),
}


def table_csv(table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.column_names)
    rows = [row_values(table, obj) for obj in table_queryset(table).iterator(chunk_size=2000)]
    rows.sort(key=lambda row: str(row["id"]))
    for row in rows:
        writer.writerow([to_text(row[name]) for name in table.column_names])
    return buffer.getvalue().encode("utf-8")


def descriptor() -> dict:
    resources = []
    for table in tables.TABLES:
        fields = []
        for column in table.columns:
            kind, fmt = FIELD_TYPES.get(column.kind, ("string", None))
            spec = {"name": column.name, "type": kind}
            if fmt:
                spec["format"] = fmt
            if column.required:
                spec["constraints"] = {"required": True}
            if column.extension:
                spec["description"] = column.description
            fields.append(spec)
        foreign_keys = [
            {
                "fields": column.name,
                "reference": {"resource": tables.BY_NAME[column.target].name, "fields": "id"},
            }
            for column in table.columns
            if column.kind == "ref"
        ]
        schema = {"fields": fields, "primaryKey": "id"}
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        resources.append(
            {
                "name": table.name,
                "path": table.path,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "name": PACKAGE_NAME,
        "title": "Support für Initiative – Fachstellen-Wegweiser Sachsen",
        "profile": "tabular-data-package",
        "hsds_version": "3.0",
        "hsds_profile": HSDS_PROFILE,
        "resources": resources,
    }


def export_package(directory: Path) -> list[Path]:
    """Write the package into `directory` (created if needed); returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in tables.TABLES:
        path = directory / table.path
        path.write_bytes(table_csv(table))
        written.append(path)
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(path)
    return written
