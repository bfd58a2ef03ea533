"""Checking backup files before anyone relies on them (backup_db, restore_db; docs/operations.md).

A backup that cannot be read in full is found out on the day it is needed, so both commands
read every byte of the file the way a restore would: SQLite's integrity check walks every page
and index, and pg_restore turns the whole custom-format archive (schema and every compressed
data block) into SQL that goes nowhere. A file that passes is also checked to be a database of
this site (it holds Django's migration table), so a sound file of some other program is refused
as well.
"""

import os
import re
import sqlite3
import subprocess  # pg_restore with an argument list, never a shell
from contextlib import closing
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"
MIGRATIONS_TABLE = "django_migrations"


class DamagedBackup(Exception):
    """The file is not a complete, readable backup of this site; the message says what is wrong."""


def pg_environment(db):
    """Connection settings for the PostgreSQL client tools, passed by environment, not on the command line."""
    env = {**os.environ}
    mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
    for key, variable in mapping.items():
        if db.get(key):
            env[variable] = str(db[key])
    return env


def starts_with(path, magic):
    with open(path, "rb") as file:
        return file.read(len(magic)) == magic


def check_sqlite(path):
    """Raise DamagedBackup unless `path` is a complete, sound SQLite database of this site."""
    path = Path(path)
    with open(path, "rb") as file:
        header = file.read(100)
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise DamagedBackup("it is not an SQLite database")
    _check_sqlite_length(header, path.stat().st_size)
    # Read-only and immutable: checking must not change the file or leave -wal/-shm files beside it.
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        with closing(sqlite3.connect(uri, uri=True)) as db:
            problems = [row[0] for row in db.execute("PRAGMA integrity_check(5)")]
            if problems != ["ok"]:
                raise DamagedBackup(f"SQLite finds it damaged ({problems[0]})")
            if db.execute("PRAGMA foreign_key_check").fetchone():
                raise DamagedBackup("rows refer to rows that are missing (foreign key check fails)")
            found = db.execute("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?", [MIGRATIONS_TABLE])
            if found.fetchone() is None:
                raise DamagedBackup(f"it holds no {MIGRATIONS_TABLE} table, so it is no database of this site")
    except sqlite3.DatabaseError as error:
        raise DamagedBackup(f"SQLite finds it damaged ({error})") from error


def _check_sqlite_length(header, size):
    """A cut-off file (copy interrupted, disk full) is named as such, before SQLite trips over it."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or size % page_size:
        raise DamagedBackup("it is cut off (its length is no whole number of database pages)")
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is only valid when the header says so (SQLite 3.7.0 and later).
    count_is_valid = header[92:96] == header[24:28] and pages > 0
    if count_is_valid and pages * page_size != size:
        raise DamagedBackup(f"it is cut off ({size // page_size} of {pages} database pages)")


def check_pg_dump(path):
    """Raise DamagedBackup unless `path` is a complete pg_dump custom-format archive of this site."""
    path = Path(path)
    if not starts_with(path, PG_CUSTOM_MAGIC):
        raise DamagedBackup("it is not a pg_dump custom-format archive")
    listing = _pg_restore("--list", str(path), stdout=subprocess.PIPE)
    if not re.search(rf"^\d+; \d+ \d+ TABLE DATA \S+ {MIGRATIONS_TABLE} ", listing, re.MULTILINE):
        raise DamagedBackup(f"it holds no {MIGRATIONS_TABLE} data, so it is no backup of this site")
    # The table of contents alone says nothing about the data blocks after it: a cut-off or
    # damaged archive still lists fine. Writing the whole restore script to nowhere reads and
    # decompresses every block, without touching any database.
    _pg_restore(f"--file={os.devnull}", str(path), stdout=subprocess.DEVNULL)


def _pg_restore(*args, stdout):
    # The PostgreSQL client tools come from PATH, like pg_dump in backup_db; never through a shell.
    command = ["pg_restore", *args]
    result = subprocess.run(command, stdout=stdout, stderr=subprocess.PIPE, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise DamagedBackup(f"pg_restore cannot read it ({_first_error(result.stderr)})")
    return result.stdout or ""


def _first_error(stderr):
    lines = [line.removeprefix("pg_restore: ").removeprefix("error: ") for line in stderr.splitlines() if line.strip()]
    return lines[0] if lines else "no message"
