"""Back up the database to one file while the site keeps running (see docs/operations.md).

SQLite: the online backup API copies a consistent snapshot page by page.
PostgreSQL: pg_dump in its custom format (compressed, restorable with pg_restore).

The copy is written under a temporary name (`<file>.partial`, readable by its owner only),
read back in full (`core.backups`) and only then renamed to the name asked for: a file with that
name is always a complete, sound backup. A copy that fails the check is deleted and the command
fails loudly — on SQLite that means the live database itself is damaged.
"""

import os
import sqlite3
import subprocess  # pg_dump with an argument list, never a shell
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.backups import DamagedBackup, check_pg_dump, check_sqlite, pg_environment


class Command(BaseCommand):
    help = "Write a consistent backup of the database to PATH (SQLite file or pg_dump custom format) and verify it."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write; it must not exist yet")
        parser.add_argument("--database", default="default")

    def handle(self, *, path, database, **options):
        target = Path(path)
        partial = target.with_name(target.name + ".partial")
        for name in (target, partial):
            if name.exists():
                raise CommandError(f"{name} exists already; choose a new file name so no backup is overwritten.")
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = connections[database]
        vendor = connection.vendor
        if vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Backups for {vendor} are not supported.")
        # Created empty with mode 0600 before any data goes in: a backup holds personal data.
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        try:
            if vendor == "sqlite":
                self._sqlite(connection, partial)
                check_sqlite(partial)
            else:
                self._postgresql(connection.settings_dict, partial)
                check_pg_dump(partial)
        except DamagedBackup as problem:
            partial.unlink(missing_ok=True)
            hint = {
                "sqlite": "The live database itself may be damaged: check it with PRAGMA integrity_check.",
                "postgresql": "Check the disk space and the pg_dump and pg_restore versions, then try again.",
            }[vendor]
            raise CommandError(
                f"The backup failed its check and was deleted: {problem}. {hint} See docs/operations.md."
            ) from problem
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.rename(target)
        self.stdout.write(f"Backup written and verified: {target} ({target.stat().st_size} bytes, {vendor}).")

    def _sqlite(self, connection, target):
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as destination:
            connection.connection.backup(destination)

    def _postgresql(self, db, target):
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        result = subprocess.run(command, env=pg_environment(db), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
