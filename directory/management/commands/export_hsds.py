from pathlib import Path

from django.core.management.base import BaseCommand

from directory.hsds.export import export_package


class Command(BaseCommand):
    help = "Write the Wegweiser as an HSDS 3.0 tabular data package (datapackage.json + CSV files) into DIR."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Target folder (created if missing; files are overwritten).")

    def handle(self, *args, directory, **options):
        written = export_package(directory)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(written)} files to {directory}."))
