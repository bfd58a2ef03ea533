"""Back up the database to one file while the site keeps running (see docs/operations.md).

SQLite: the online backup API copies a consistent snapshot page by page.
PostgreSQL: pg_dump in its custom format (compressed, restorable with pg_restore).
"""

import os
import sqlite3
import subprocess  # pg_dump with an argument list, never a shell
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections


def pg_environment(db):
    """Connection settings for the PostgreSQL client tools, passed by environment, not on the command line."""
    env = {**os.environ}
    mapping = {"HOST": "PGHOST", "PORT": "PGPORT", "USER": "PGUSER", "PASSWORD": "PGPASSWORD", "NAME": "PGDATABASE"}
    for key, variable in mapping.items():
        if db.get(key):
            env[variable] = str(db[key])
    return env


class Command(BaseCommand):
    help = "Write a consistent backup of the database to PATH (SQLite file or pg_dump custom format)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write; it must not exist yet")
        parser.add_argument("--database", default="default")

    def handle(self, *, path, database, **options):
        target = Path(path)
        if target.exists():
            raise CommandError(f"{target} exists already; choose a new file name so no backup is overwritten.")
        target.parent.mkdir(parents=True, exist_ok=True)
        connection = connections[database]
        vendor = connection.vendor
        if vendor == "sqlite":
            self._sqlite(connection, target)
        elif vendor == "postgresql":
            self._postgresql(connection.settings_dict, target)
        else:
            raise CommandError(f"Backups for {vendor} are not supported.")
        os.chmod(target, 0o600)  # a backup holds personal data: readable by its owner only
        self.stdout.write(f"Backup written to {target} ({target.stat().st_size} bytes, {vendor}).")

    def _sqlite(self, connection, target):
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            with destination:
                connection.connection.backup(destination)
        finally:
            destination.close()

    def _postgresql(self, db, target):
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        result = subprocess.run(command, env=pg_environment(db), capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            target.unlink(missing_ok=True)
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
