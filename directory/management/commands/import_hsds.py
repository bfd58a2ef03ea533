from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.hsds.importer import import_package
from directory.hsds.reading import ImportRefused


class Command(BaseCommand):
    help = (
        "Import an HSDS 3.0 tabular data package from DIR. All or nothing: rows with known ids are updated, "
        "new ones created; any problem (columns, UUIDs, references, encoding) refuses the whole package."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Folder with datapackage.json and the CSV files.")

    def handle(self, *args, directory, **options):
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a folder.")
        try:
            summary = import_package(directory)
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Import refused: {len(refused.problems)} problem(s) listed above. Nothing was changed; "
                "fix the files and run the import again."
            ) from refused
        for path, counts in summary.items():
            self.stdout.write(f"{path}: {counts['created']} created, {counts['updated']} updated")
        self.stdout.write(self.style.SUCCESS("Import complete."))
