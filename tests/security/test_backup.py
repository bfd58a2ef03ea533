"""Backups: back up, restore into a fresh database, find the same data (SQLite, and PostgreSQL when in use).

Damaged files (random bytes over a page, a cut-off copy) are refused with a clear message before
the target database is touched, a backup of a damaged database fails loudly, and /healthz
notices a database whose tables cannot be read.
"""

import json
import os
import random
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from events.models import Event
from events.testing import make_event

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


def damage_table(path, table):
    """Random bytes over the first page of `table`, as a disk or copy error leaves them; the file
    header and every other page stay intact, so SQLite still opens the file."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)) as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_schema WHERE name = ?", [table]).fetchone()[0]
    assert root > 1
    with open(path, "r+b") as file:
        file.seek((root - 1) * page_size)
        file.write(random.Random(19).randbytes(page_size))


def assert_clear_refusal(result, *phrases):
    """A CommandError: exit code 1, the reason on stderr, no traceback."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("CommandError: "), result.stderr
    assert "Traceback" not in result.stderr
    for phrase in phrases:
        assert phrase in result.stderr, result.stderr


def get_pages(*paths, database_url):
    """Status and body of each path, served by a separate process on the given database."""
    script = (
        "import json; from django.test import Client; client = Client(raise_request_exception=False); "
        f"print(json.dumps([(r.status_code, r.content.decode()) for r in map(client.get, {list(paths)!r})]))"
    )
    result = manage("shell", "-c", script, database_url=database_url)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


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


@committed
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_event(title="Live-Daten")
    backup = tmp_path / "backup.bin"
    call_command("backup_db", str(backup))  # a sound backup: the refusal is about the target
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
    assert_clear_refusal(result, "it is not an SQLite database", "takes an SQLite backup written by backup_db")


@pytest.fixture
def sqlite_backup(tmp_path, two_events):
    backup = tmp_path / "backup.sqlite3"
    call_command("backup_db", str(backup))
    return backup


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite backup")


@committed
@sqlite_only
def test_restore_refuses_a_backup_with_a_damaged_page_and_leaves_the_target_untouched(tmp_path, sqlite_backup):
    damage_table(sqlite_backup, "events_event")
    fresh = tmp_path / "fresh.sqlite3"
    result = manage("restore_db", str(sqlite_backup), database_url=f"sqlite:///{fresh}")
    assert_clear_refusal(result, "SQLite finds it damaged", "Nothing was restored")
    assert not fresh.exists()  # refused before the target was even opened


@committed
@sqlite_only
def test_restore_refuses_a_cut_off_backup_with_a_clear_message(tmp_path, sqlite_backup):
    half = tmp_path / "half.sqlite3"
    data = sqlite_backup.read_bytes()
    half.write_bytes(data[: len(data) // 2])
    fresh = tmp_path / "fresh.sqlite3"
    result = manage("restore_db", str(half), database_url=f"sqlite:///{fresh}")
    assert_clear_refusal(result, "cut off", "Nothing was restored")
    assert not fresh.exists()

    # Cut at a page boundary: the length alone looks fine, the header's page count does not.
    whole_pages = tmp_path / "pages.sqlite3"
    whole_pages.write_bytes(data[: 4096 * 10])
    result = manage("restore_db", str(whole_pages), database_url=f"sqlite:///{fresh}")
    assert_clear_refusal(result, "cut off (10 of ")


@committed
@sqlite_only
def test_check_only_reads_the_file_and_nothing_else(tmp_path, sqlite_backup, capsys):
    call_command("restore_db", str(sqlite_backup), "--check-only")
    assert "can be restored; no database was touched" in capsys.readouterr().out
    damage_table(sqlite_backup, "events_event")
    with pytest.raises(CommandError, match="SQLite finds it damaged"):
        call_command("restore_db", str(sqlite_backup), "--check-only")


@committed
@sqlite_only
def test_a_backup_of_a_damaged_database_fails_loudly_and_leaves_no_file(tmp_path, sqlite_backup):
    live = tmp_path / "live.sqlite3"
    live.write_bytes(sqlite_backup.read_bytes())
    damage_table(live, "events_event")
    target = tmp_path / "nightly.bak"
    result = manage("backup_db", str(target), database_url=f"sqlite:///{live}")
    assert_clear_refusal(result, "failed its check and was deleted", "SQLite finds it damaged")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3", "live.sqlite3"]


@committed
@sqlite_only
def test_a_good_backup_is_verified_and_written_under_its_name_only_when_complete(tmp_path, two_events):
    target = tmp_path / "nightly.bak"
    call_command("backup_db", str(target))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nightly.bak"]  # no .partial left behind
    with closing(sqlite3.connect(target)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@committed
@sqlite_only
def test_healthz_answers_503_when_the_database_cannot_be_read(tmp_path, sqlite_backup):
    healthy, damaged = tmp_path / "healthy.sqlite3", tmp_path / "damaged.sqlite3"
    for copy in (healthy, damaged):
        copy.write_bytes(sqlite_backup.read_bytes())
    assert get_pages("/healthz", database_url=f"sqlite:///{healthy}") == [[200, '{"status": "ok", "database": "ok"}']]

    damage_table(damaged, "events_event")
    (health_status, health_body), (catalogue_status, _) = get_pages(
        "/healthz", "/veranstaltungen/", database_url=f"sqlite:///{damaged}"
    )
    assert catalogue_status == 500  # what visitors get: the health check must say so too
    assert health_status == 503
    assert json.loads(health_body) == {"status": "error", "database": "unavailable"}  # no details

    # A database without our tables (a wrong DATABASE_URL, a restore that never ran) is not healthy either.
    empty = tmp_path / "empty.sqlite3"
    assert get_pages("/healthz", database_url=f"sqlite:///{empty}") == [
        [503, '{"status": "error", "database": "unavailable"}']
    ]


@committed
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL backup")
def test_restore_refuses_a_cut_off_or_damaged_pg_dump_before_connecting_to_the_target(tmp_path, two_events):
    backup = tmp_path / "backup.pgdump"
    call_command("backup_db", str(backup))
    data = backup.read_bytes()
    cut = tmp_path / "cut.pgdump"
    cut.write_bytes(data[:-200])  # the table of contents is whole; the last data blocks are not
    damaged = tmp_path / "damaged.pgdump"
    noise = random.Random(19).randbytes(200)
    damaged.write_bytes(data[:-400] + noise + data[-200:])

    db = connection.settings_dict
    auth = f"{db['USER']}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{db['USER']}@"
    # A database that does not exist: the file must be refused before any connection is tried.
    url = f"postgres://{auth}{db['HOST']}:{db['PORT'] or 5432}/sfi_never_created_{uuid.uuid4().hex[:8]}"
    for broken in (cut, damaged):
        listing = subprocess.run(["pg_restore", "--list", str(broken)], capture_output=True, check=False)
        if broken == cut:
            assert listing.returncode == 0  # why reading the table of contents alone is not enough
        result = manage("restore_db", str(broken), database_url=url)
        assert_clear_refusal(result, "pg_restore cannot read it", "Nothing was restored")
