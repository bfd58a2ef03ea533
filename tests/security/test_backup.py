"""Backups: back up, restore into a fresh database, find the same data (SQLite, and PostgreSQL when in use)."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from events.models import Event
from sfi.testing import make_event

ROOT = Path(settings.BASE_DIR)
committed = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def manage(*args, database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1"}
    env.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )


def fingerprint_rows(cursor):
    cursor.execute("SELECT title, slug FROM events_event ORDER BY slug")
    events = cursor.fetchall()
    cursor.execute("SELECT COUNT(*) FROM regions_municipality")
    return events, cursor.fetchone()[0]


@pytest.fixture
def two_events():
    make_event(title="Schulung <Backup> in Pirna", place="Pirna")
    make_event(title="Vernetzungstreffen Görlitz", place="Görlitz")
    with connection.cursor() as cursor:
        return fingerprint_rows(cursor)


@committed
@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup")
def test_sqlite_backup_restores_into_a_fresh_database_with_the_same_data(tmp_path, two_events):
    backup = tmp_path / "backup.sqlite3"
    call_command("backup_db", str(backup))
    assert oct(backup.stat().st_mode & 0o777) == "0o600"

    fresh = tmp_path / "fresh.sqlite3"
    result = manage("restore_db", str(backup), database_url=f"sqlite:///{fresh}")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(fresh) as restored:
        assert fingerprint_rows(restored.cursor()) == two_events
    # The restored database is usable by Django as it is: nothing left to migrate.
    plan = manage("migrate", "--check", database_url=f"sqlite:///{fresh}")
    assert plan.returncode == 0, plan.stdout + plan.stderr


@committed
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backup")
def test_postgresql_backup_restores_into_a_fresh_database_with_the_same_data(tmp_path, two_events):
    import psycopg

    backup = tmp_path / "backup.pgdump"
    call_command("backup_db", str(backup))
    assert backup.read_bytes().startswith(b"PGDMP")

    db = connection.settings_dict
    fresh_name = f"sfi_restore_{uuid.uuid4().hex[:8]}"
    admin_dsn = f"host={db['HOST']} port={db['PORT'] or 5432} user={db['USER']} dbname=postgres"
    if db.get("PASSWORD"):
        admin_dsn += f" password={db['PASSWORD']}"
    with psycopg.connect(admin_dsn, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh_name}"')
    try:
        auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
        url = f"postgres://{auth}{db['HOST']}:{db['PORT'] or 5432}/{fresh_name}"
        result = manage("restore_db", str(backup), database_url=url)
        assert result.returncode == 0, result.stderr
        with psycopg.connect(admin_dsn.replace("dbname=postgres", f"dbname={fresh_name}")) as restored:
            assert fingerprint_rows(restored.cursor()) == two_events
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh_name}" WITH (FORCE)')


@pytest.mark.django_db
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_event(title="Live-Daten")
    backup = tmp_path / "backup.bin"
    backup.write_bytes(b"SQLite format 3\x00" if connection.vendor == "sqlite" else b"PGDMP")
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_db", str(backup))
    assert Event.objects.filter(title="Live-Daten").exists()  # the live data was not touched


@pytest.mark.django_db
def test_backup_never_overwrites_an_existing_file(tmp_path):
    existing = tmp_path / "old-backup"
    existing.write_bytes(b"yesterday")
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_db", str(existing))
    assert existing.read_bytes() == b"yesterday"


def test_restore_refuses_a_file_of_the_wrong_kind(tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    fresh = tmp_path / "fresh.sqlite3"
    result = manage("restore_db", str(junk), database_url=f"sqlite:///{fresh}")
    assert result.returncode != 0
    assert "is not an SQLite backup" in result.stderr
