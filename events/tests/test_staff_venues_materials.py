"""Venues and materials through the real back-office pages."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Entry
from events.models import Material, Venue
from events.testing import make_event, make_venue

pytestmark = pytest.mark.django_db


def venue_data(**changes):
    data = {
        "name": "Kulturhaus Bautzen",
        "street": "Lauengraben 18",
        "postal_code": "02625",
        "place": "Bautzen",
        "accessibility": "Aufzug vorhanden.",
        "public_transport": "Bus 10 bis Lauenturm.",
    }
    return {**data, **changes}


def test_team_creates_and_edits_a_venue_and_the_event_form_links_to_it(client, team, login_as):
    login_as(team)
    event = make_event(status="draft")
    page = client.get(f"/team/veranstaltungen/{event.pk}/bearbeiten/").content.decode()
    assert "Ort fehlt? Neuen Ort anlegen" in page
    next_url = f"/team/veranstaltungen/{event.pk}/bearbeiten/"
    page = client.get(f"/team/orte/neu/?next={next_url}").content.decode()
    assert 'list="municipality-names"' in page and '<option value="Bautzen">' in page

    response = client.post("/team/orte/neu/", venue_data(next=next_url))
    assert response.status_code == 302 and response["Location"] == next_url
    venue = Venue.objects.get(name="Kulturhaus Bautzen")
    assert venue.municipality.name == "Bautzen" and venue.postal_code == "02625"
    assert "Kulturhaus Bautzen" in client.get(next_url).content.decode()

    response = client.post(
        f"/team/orte/{venue.pk}/", venue_data(name="Kulturhaus Bautzen (Saal)", next="https://evil.example/")
    )
    assert response.status_code == 302 and response["Location"] == "/team/orte/"
    venue.refresh_from_db()
    assert venue.name == "Kulturhaus Bautzen (Saal)"
    assert [e.action for e in Entry.objects.filter(target_type="events.venue").order_by("id")] == [
        "venue.created",
        "venue.changed",
    ]


def test_unknown_municipality_keeps_the_input_and_suggests_names(client, team, login_as):
    login_as(team)
    page = client.post("/team/orte/neu/", venue_data(place="Bauzen", postal_code="2625")).content.decode()
    assert "Wir kennen keine sächsische Gemeinde „Bauzen“. Meinten Sie:" in page and "Bautzen" in page
    assert "sächsische Postleitzahl mit fünf Ziffern" in page
    assert 'value="Bauzen"' in page and 'value="Kulturhaus Bautzen"' in page and "Aufzug vorhanden." in page
    assert not Venue.objects.filter(name="Kulturhaus Bautzen").exists()


def test_venue_list_shows_venues_with_a_fixed_number_of_queries(client, team, login_as):
    login_as(team)
    make_venue("Pirna", name="Bürgerhaus Pirna")
    with CaptureQueriesContext(connection) as one:
        page = client.get("/team/orte/").content.decode()
    assert "Bürgerhaus Pirna" in page and "Sächsische Schweiz-Osterzgebirge" in page
    for n in range(49):
        make_event(venue=make_venue("Zittau", name=f"Ort {n:02d}"))
    with CaptureQueriesContext(connection) as fifty:
        page = client.get("/team/orte/").content.decode()
    assert "Ort 48" in page
    assert len(fifty) == len(one)


PDF = b"%PDF-1.4 Handreichung"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20


def test_material_upload_appears_on_the_public_page_and_downloads(
    client, team, login_as, settings, tmp_path, django_capture_on_commit_callbacks
):
    login_as(team)
    settings.MEDIA_ROOT = tmp_path
    event = make_event(title="Schulung Pirna")
    assert "Materialien hochladen oder entfernen" in client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    upload = SimpleUploadedFile("handreichung.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/team/veranstaltungen/{event.pk}/materialien/", {"title": "Handreichung Asylverfahren", "file": upload}
    )
    assert response.status_code == 302
    material = Material.objects.get(event=event)
    public = client.get(event.get_absolute_url()).content.decode()
    assert "Handreichung Asylverfahren" in public
    download = client.get(material.get_absolute_url())
    assert b"".join(download.streaming_content) == PDF

    path = Path(material.file.path)
    assert path.read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/team/veranstaltungen/{event.pk}/materialien/{material.pk}/entfernen/")
    assert not path.exists()
    assert response.status_code == 302
    assert not Material.objects.exists()
    assert [e.action for e in Entry.objects.filter(action__startswith="event.material").order_by("id")] == [
        "event.material_added",
        "event.material_removed",
    ]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("programm.exe", b"MZ", "Dateien vom Typ „.exe“ sind nicht erlaubt"),
        ("bild.png", PDF, "Der Inhalt passt nicht zur Endung „.png“"),
        ("leer.pdf", b"", "Die Datei ist leer"),
    ],
)
def test_bad_uploads_are_refused_with_a_message(client, team, login_as, settings, tmp_path, name, content, message):
    login_as(team)
    settings.MEDIA_ROOT = tmp_path
    event = make_event()
    upload = SimpleUploadedFile(name, content)
    page = client.post(f"/team/veranstaltungen/{event.pk}/materialien/", {"title": "Plakat", "file": upload})
    body = page.content.decode()
    assert message in body and 'value="Plakat"' in body
    assert not Material.objects.exists()


def test_too_large_upload_is_refused(client, team, login_as, settings, tmp_path):
    login_as(team)
    settings.MEDIA_ROOT = tmp_path
    event = make_event()
    upload = SimpleUploadedFile("bild.png", PNG + b"0" * (20 * 1024 * 1024))
    body = client.post(f"/team/veranstaltungen/{event.pk}/materialien/", {"title": "Bild", "file": upload}).content
    assert "Die Datei ist größer als 20 MB" in body.decode()
    assert not Material.objects.exists()


def test_trainer_cannot_remove_material(client, settings, tmp_path, trainer_a, login_as):
    settings.MEDIA_ROOT = tmp_path
    event = make_event()
    material = Material(event=event, title="Folien")
    material.file.save("folien.pdf", SimpleUploadedFile("folien.pdf", PDF), save=True)
    event.trainers.add(trainer_a)
    login_as(trainer_a)
    assert client.post(f"/team/veranstaltungen/{event.pk}/materialien/{material.pk}/entfernen/").status_code == 403
    assert client.get("/team/orte/neu/").status_code == 403
    assert Material.objects.filter(pk=material.pk).exists()
