"""Restore a backup made by backup_db into an empty database (see docs/operations.md).

The file is read in full and checked first (`core.backups`): a damaged, cut-off or foreign file
is refused before the target database is touched. The command also refuses a database that
already has tables, so a restore can never mix two states or overwrite live data by mistake:
create a fresh database, point DATABASE_URL at it, restore, check, then switch the site over.
"""

import sqlite3
import subprocess  # pg_restore with an argument list, never a shell
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections

from core.backups import DamagedBackup, check_pg_dump, check_sqlite, pg_environment


class Command(BaseCommand):
    help = "Check a backup file made by backup_db and restore it into the (empty) configured database."

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup file written by backup_db")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--check-only", action="store_true", help="only read and check the file (e.g. a copy kept elsewhere)"
        )

    def handle(self, *, path, database, check_only, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{source} is not a file.")
        connection = connections[database]
        vendor = connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Restoring into {vendor} is not supported.")
        kind = "an SQLite backup" if vendor == "sqlite" else "a pg_dump custom-format backup"
        check = check_sqlite if vendor == "sqlite" else check_pg_dump
        try:
            check(source)
        except DamagedBackup as problem:
            raise CommandError(
                f"{source} cannot be restored: {problem}. Nothing was restored and the target database is "
                f"unchanged. restore_db takes {kind} written by backup_db (the configured database is {vendor}); "
                "use an earlier backup."
            ) from problem
        if check_only:
            self.stdout.write(f"{source} is {kind} that can be restored; no database was touched.")
            return
        if connection.introspection.table_names():
            raise CommandError(
                "The target database is not empty. Create a fresh database, point DATABASE_URL at it and run "
                "restore_db again."
            )
        if vendor == "sqlite":
            self._sqlite(connection, source)
        else:
            connection.close()
            self._postgresql(connection.settings_dict, source)
        self.stdout.write(f"Restored {source} into the {vendor} database.")

    def _sqlite(self, connection, source):
        connection.ensure_connection()
        try:
            with closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)) as backup:
                backup.backup(connection.connection)
        except (sqlite3.DatabaseError, DatabaseError) as error:
            raise CommandError(f"Restoring {source} failed: {error}. Delete the target file and try again.") from error
        finally:
            connection.close()

    def _postgresql(self, db, source):
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
        command += [f"--dbname={db['NAME']}", str(source)]
        result = subprocess.run(command, env=pg_environment(db), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            # One transaction: nothing of the backup stays in the target after a failure.
            raise CommandError(f"pg_restore failed, nothing was restored: {result.stderr.strip()}")
