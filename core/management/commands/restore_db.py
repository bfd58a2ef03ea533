"""Restore a backup made by backup_db into an empty database (see docs/operations.md).

Refuses to write into a database that already has tables, so a restore can never mix two
states or overwrite live data by mistake: create a fresh database, point DATABASE_URL at it,
restore, check, then switch the site over.
"""

import sqlite3
import subprocess  # pg_restore with an argument list, never a shell
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.management.commands.backup_db import pg_environment

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class Command(BaseCommand):
    help = "Restore a backup file made by backup_db into the (empty) configured database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup file written by backup_db")
        parser.add_argument("--database", default="default")

    def handle(self, *, path, database, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        connection = connections[database]
        if connection.introspection.table_names():
            raise CommandError(
                "The target database is not empty. Create a fresh database, point DATABASE_URL at it and run "
                "restore_db again."
            )
        head = source.read_bytes()[:16]
        if connection.vendor == "sqlite":
            if not head.startswith(SQLITE_MAGIC):
                raise CommandError(f"{source} is not an SQLite backup (the configured database is SQLite).")
            self._sqlite(connection, source)
        elif connection.vendor == "postgresql":
            if not head.startswith(PG_CUSTOM_MAGIC):
                raise CommandError(f"{source} is not a pg_dump custom-format backup (the database is PostgreSQL).")
            connection.close()
            self._postgresql(connection.settings_dict, source)
        else:
            raise CommandError(f"Restoring into {connection.vendor} is not supported.")
        self.stdout.write(f"Restored {source} into the {connection.vendor} database.")

    def _sqlite(self, connection, source):
        connection.ensure_connection()
        backup = sqlite3.connect(source)
        try:
            backup.backup(connection.connection)
        finally:
            backup.close()
        connection.close()

    def _postgresql(self, db, source):
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        command += [f"--dbname={db['NAME']}", str(source)]
        result = subprocess.run(command, env=pg_environment(db), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
