import json
import shutil

import pytest
from django.core.management import CommandError, call_command

from demo.seeders.directory import seed_directory
from directory.hsds.export import export_package
from directory.hsds.importer import import_package
from directory.hsds.reading import ImportRefused
from directory.hsds.tables import TABLES
from directory.models import Location, Organization, Phone, Service, ServiceArea, TaxonomyTerm
from directory.testing import make_agency

pytestmark = pytest.mark.django_db

DIRECTORY_MODELS = {table.model for table in TABLES}


def snapshot():
    """Every directory row as a comparable tuple: 'nothing changed' means equal snapshots."""
    return {
        model.__name__: sorted(tuple(str(v) for v in row) for row in model.objects.values_list())
        for model in DIRECTORY_MODELS
    }


def files(folder):
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def wipe():
    for table in reversed(TABLES):
        table.model.objects.all().delete()


def test_export_import_into_empty_database_export_again_is_identical(tmp_path):
    seed_directory()
    make_agency(name='Mit Sonderzeichen: „Anführung“, Komma; "Quote"\nZeile 2', place="Görlitz")
    first = tmp_path / "first"
    export_package(first)
    wipe()
    assert not Service.objects.exists()

    summary = import_package(first)
    second = tmp_path / "second"
    export_package(second)

    assert files(first) == files(second)
    assert summary["services.csv"]["created"] == Service.objects.count() == 85
    descriptor = json.loads((first / "datapackage.json").read_text())
    assert [r["path"] for r in descriptor["resources"]] == [t.path for t in TABLES]
    assert set(files(first)) == {"datapackage.json"} | {t.path for t in TABLES}


def test_repeated_export_is_byte_identical(tmp_path):
    seed_directory()
    export_package(tmp_path / "a")
    export_package(tmp_path / "b")
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_import_is_idempotent_and_updates_by_id(tmp_path):
    service = make_agency(name="Alter Name", place="Pirna")
    export_package(tmp_path)
    services_csv = tmp_path / "services.csv"
    services_csv.write_text(services_csv.read_text(encoding="utf-8").replace("Alter Name", "Neuer Name"), "utf-8")

    first = import_package(tmp_path)
    second = import_package(tmp_path)

    service.refresh_from_db()
    assert service.name == "Neuer Name"
    assert Service.objects.count() == 1 and Phone.objects.count() == 1
    assert first["services.csv"] == second["services.csv"] == {"created": 0, "updated": 1}


def test_import_command_reports_counts(tmp_path, capsys):
    make_agency(place="Pirna")
    call_command("export_hsds", str(tmp_path))
    call_command("import_hsds", str(tmp_path))
    out = capsys.readouterr().out
    assert "services.csv: 0 created, 1 updated" in out
    assert "Import complete." in out


def test_location_without_municipality_is_placed_by_coordinates(tmp_path):
    make_agency(place="Freital")
    export_package(tmp_path)
    wipe()
    edit_cell(tmp_path, "locations.csv", 2, "municipality_ars", "")
    import_package(tmp_path)
    assert Location.objects.get().municipality.name == "Freital"


# --- bad input: refused with file, row and field, nothing changed ---------------------------


@pytest.fixture
def package(tmp_path):
    make_agency(name="Beratung A", place="Pirna")
    make_agency(name="Beratung B", place="Görlitz", area="statewide")
    export_package(tmp_path)
    # The database changes after the export, so "nothing changed" is a real check.
    Organization.objects.update(name="Geändert nach dem Export")
    return tmp_path


def edit_cell(folder, filename, row, column, value):
    import csv
    import io

    path = folder / filename
    records = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    records[row - 1][records[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(records)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def refused(folder):
    before = snapshot()
    with pytest.raises(ImportRefused) as info:
        import_package(folder)
    assert snapshot() == before
    return [str(problem) for problem in info.value.problems]


def test_wrong_columns_are_refused(package):
    path = package / "services.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name,alternate_name", "titel,alternate_name", 1), encoding="utf-8")
    problems = refused(package)
    assert "services.csv, row 1, field titel: unknown column" in problems[0]
    assert "services.csv, row 1, field name: required column is missing" in problems


def test_bad_uuid_is_refused(package):
    edit_cell(package, "phones.csv", 2, "id", "not-a-uuid")
    assert refused(package) == [
        "phones.csv, row 2, field id: 'not-a-uuid' is not a UUID (expected e.g. 3f7b145d-84af-42d7-8fae-eaca714b02b2)"
    ]


def test_unknown_reference_is_refused(package):
    ghost = "00000000-0000-4000-8000-000000000000"
    edit_cell(package, "service_at_locations.csv", 3, "location_id", ghost)
    assert refused(package) == [
        f"service_at_locations.csv, row 3, field location_id: unknown reference: no location with id {ghost} "
        "in locations.csv or in the database"
    ]


def test_reference_to_a_row_already_in_the_database_is_accepted(package):
    (package / "organizations.csv").unlink()
    import_package(package)
    assert Organization.objects.filter(name="Geändert nach dem Export").count() == 2


def test_broken_encoding_is_refused(package):
    path = package / "addresses.csv"
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = lines[2].replace(b"Markt", "Märkt".encode("latin-1"))
    path.write_bytes(b"\r\n".join(lines))
    problems = refused(package)
    assert len(problems) == 1
    assert problems[0].startswith("addresses.csv, row 3: is not valid UTF-8 (byte 0xe4")


def test_unknown_regional_key_and_bad_values_are_all_reported(package):
    edit_cell(package, "service_areas.csv", 2, "ars", "99999")
    edit_cell(package, "schedules.csv", 2, "opens_at", "neun Uhr")
    edit_cell(package, "services.csv", 2, "status", "offen")
    edit_cell(package, "locations.csv", 2, "latitude", "")
    problems = refused(package)
    assert len(problems) == 4
    assert any(
        p.startswith("service_areas.csv, row 2, field ars: '99999' is no Saxon Regionalschlüssel") for p in problems
    )
    assert any(p.startswith("schedules.csv, row 2, field opens_at: 'neun Uhr' is not a time") for p in problems)
    assert any(p.startswith("services.csv, row 2, field status: must be one of active") for p in problems)
    assert "locations.csv, row 2, field latitude: is required but empty" in problems


def test_missing_descriptor_and_ragged_rows_are_refused(package):
    (package / "datapackage.json").unlink()
    path = package / "phones.csv"
    path.write_text(path.read_text(encoding="utf-8") + "1,2\r\n", encoding="utf-8")
    problems = refused(package)
    assert "datapackage.json: is missing; an HSDS package needs its descriptor" in problems
    assert any(p.startswith("phones.csv, row 4: has 2 cells but the header has") for p in problems)


def test_import_command_prints_problems_and_fails(package, capsys):
    edit_cell(package, "phones.csv", 2, "id", "kaputt")
    with pytest.raises(CommandError, match="Nothing was changed"):
        call_command("import_hsds", str(package))
    assert "phones.csv, row 2, field id: 'kaputt' is not a UUID" in capsys.readouterr().err


def test_duplicate_topic_code_in_database_is_refused_without_changes(package, tmp_path_factory):
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(package, other, dirs_exist_ok=True)
    TaxonomyTerm.objects.update(code="anders")
    TaxonomyTerm.objects.create(code="asylverfahrensberatung", name="Doppelt")
    problems = refused(other)
    assert problems[0].startswith("package: the database refused the rows")
    assert ServiceArea.objects.count() == 2
