"""Reading an HSDS tabular package from disk: files, encoding, columns, cell counts.

Nothing here touches the database. Every problem is collected with its file, row and field
so the person importing can fix the package in one go.
"""

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from directory.hsds import tables

MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None  # spreadsheet row: the header is row 1
    field: str | None
    message: str

    def __str__(self):
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__(f"{len(self.problems)} problem(s); nothing was imported")


@dataclass
class Problems:
    items: list = field(default_factory=list)

    def add(self, file, row, field_name, message):
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(file, row, field_name, message))

    def __bool__(self):
        return bool(self.items)


@dataclass
class RawTable:
    table: tables.Table
    header: list
    rows: list  # (spreadsheet row number, {column: text})


def _decode(data: bytes, name: str, problems: Problems) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        problems.add(
            name,
            row,
            None,
            f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} at position {exc.start}); save the file as UTF-8",
        )
        return None


def _check_header(table, header, problems):
    allowed = set(table.column_names) | table.ignored
    seen = set()
    for name in header:
        if name in seen:
            problems.add(table.path, 1, name, "column appears twice")
        seen.add(name)
        if name not in allowed:
            problems.add(
                table.path,
                1,
                name,
                f"unknown column; the table {table.name} has the columns {', '.join(table.column_names)}",
            )
    for column in table.columns:
        if column.required and column.name not in seen:
            problems.add(table.path, 1, column.name, "required column is missing")


def read_table(directory: Path, table, problems: Problems) -> RawTable | None:
    path = directory / table.path
    if not path.exists():
        return None
    text = _decode(path.read_bytes(), table.path, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        problems.add(table.path, reader.line_num, None, f"is not valid CSV ({exc})")
        return None
    if not records:
        problems.add(table.path, 1, None, "is empty; it needs at least the header row")
        return None
    header = [name.strip() for name in records[0]]
    _check_header(table, header, problems)
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # blank lines are harmless
        if len(record) != len(header):
            problems.add(table.path, number, None, f"has {len(record)} cells but the header has {len(header)}")
            continue
        rows.append((number, dict(zip(header, (cell.strip() for cell in record), strict=True))))
    return RawTable(table=table, header=header, rows=rows)


def read_package(directory: Path, problems: Problems) -> dict:
    """Table name → RawTable for every table file present in the package."""
    descriptor = directory / "datapackage.json"
    if not descriptor.exists():
        problems.add("datapackage.json", None, None, "is missing; an HSDS package needs its descriptor")
    else:
        text = _decode(descriptor.read_bytes(), "datapackage.json", problems)
        if text is not None:
            try:
                content = json.loads(text)
            except json.JSONDecodeError as exc:
                problems.add("datapackage.json", exc.lineno, None, f"is not valid JSON ({exc.msg})")
            else:
                if not isinstance(content, dict) or not isinstance(content.get("resources", []), list):
                    problems.add("datapackage.json", None, "resources", "must be an object with a resources list")
    raw = {}
    for table in tables.TABLES:
        found = read_table(directory, table, problems)
        if found is not None:
            raw[table.name] = found
    return raw
