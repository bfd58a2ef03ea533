"""The team's Wegweiser editor through the real back-office pages (persona tests, formsets, conflicts, audit)."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.testing import log_in
from audit.models import Entry
from directory.hsds.export import export_package
from directory.hsds.importer import import_package
from directory.models import Attribute, Location, Organization, Phone, Service
from directory.staff_forms import ServiceForms
from directory.staff_queries import check_cutoff
from directory.testing import make_agency, make_topic_term
from directory.tests.test_hsds_exchange import files, wipe
from regions.testing import municipality

pytestmark = pytest.mark.django_db

LIST = "/team/wegweiser/"
ORGANIZATIONS = "/team/wegweiser/organisationen/"


def edit_url(service):
    return f"/team/wegweiser/angebote/{service.pk}/"


def page_data(service=None):
    """What the service page sends when saved unchanged (every field as the browser would post it)."""
    service = Service.objects.get(pk=service.pk) if service else Service()
    forms = ServiceForms(None, service=service)
    data = {"version": service.version or 1}
    for form in [forms.form] + [form for formset in forms.formsets for form in formset.forms]:
        for field in form:
            value = field.value()
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            elif isinstance(value, time):
                data[field.html_name] = value.strftime("%H:%M")
            elif value is not None:
                data[field.html_name] = str(value)
    for formset in forms.formsets:
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
    return data


def actions(model_label):
    return list(Entry.objects.filter(target_type=model_label).order_by("id").values_list("action", flat=True))


# --- who may use it ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["admin", "team"])
def test_admin_and_team_use_every_page(client, persona, request, login_as):
    service = make_agency(name="Beratung Pirna")
    login_as(request.getfixturevalue(persona))
    organization = service.organization
    for url in [
        LIST,
        LIST + "?q=Pirna&pruefen=on",
        ORGANIZATIONS,
        "/team/wegweiser/angebote/neu/",
        edit_url(service),
        edit_url(service) + "loeschen/",
        "/team/wegweiser/organisationen/neu/",
        f"{ORGANIZATIONS}{organization.pk}/",
        f"{ORGANIZATIONS}{organization.pk}/loeschen/",
    ]:
        assert client.get(url).status_code == 200, url
    nav = client.get("/team/").content.decode()
    assert f'href="{LIST}"' in nav and ">Wegweiser<" in nav


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_other_roles_are_refused(client, persona, request, login_as):
    service = make_agency()
    login_as(request.getfixturevalue(persona))
    for url in [LIST, ORGANIZATIONS, edit_url(service), edit_url(service) + "loeschen/"]:
        assert client.get(url).status_code == 403, url
    assert client.post(edit_url(service) + "geprueft/").status_code == 403
    assert client.post(edit_url(service) + "loeschen/").status_code == 403
    assert Service.objects.filter(pk=service.pk, last_checked_on=None).exists()
    assert f'href="{LIST}"' not in client.get("/konto/").content.decode()


def test_anonymous_is_sent_to_the_login(client):
    service = make_agency()
    for url in [LIST, edit_url(service)]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/?next=")
    assert client.post(edit_url(service) + "loeschen/").status_code == 302
    assert Service.objects.filter(pk=service.pk).exists()


# --- create, edit, check, delete -------------------------------------------------------------


def test_team_creates_an_organisation_and_a_service_with_everything(client, team, login_as):
    login_as(team)
    page = client.get("/team/wegweiser/angebote/neu/").content.decode()
    assert "<h1>Neues Angebot anlegen</h1>" in page and "Geprüft" not in page and "Angebot löschen" not in page
    assert "<h1>Neue Organisation anlegen</h1>" in client.get("/team/wegweiser/organisationen/neu/").content.decode()
    response = client.post(
        "/team/wegweiser/organisationen/neu/",
        {"version": "1", "name": "Flüchtlingsrat Muster e.V.", "email": "info@fluechtlingsrat.example"},
    )
    assert response.status_code == 302 and response["Location"] == ORGANIZATIONS
    organization = Organization.objects.get(name="Flüchtlingsrat Muster e.V.")
    topic = make_topic_term()
    district = municipality("Bautzen").district

    data = page_data()
    data.update(
        {
            "organization": str(organization.pk),
            "name": "Beratung Bautzen",
            "status": "active",
            "topic_terms": [str(topic.pk)],
            "districts": [str(district.pk)],
            "standorte-0-name": "Büro Bautzen",
            "standorte-0-address_1": "Lauengraben 18",
            "standorte-0-postal_code": "02625",
            "standorte-0-city": "Bautzen",
            "standorte-0-place": "Bautzen",
            "standorte-0-accessibility": "Aufzug vorhanden.",
            "telefon-0-number": "03591 123456",
            "zeiten-0-days": ["MO", "WE"],
            "zeiten-0-opens_at": "09:00",
            "zeiten-0-closes_at": "12:00",
            "sprachen-0-name": "Arabisch",
            "sprachen-0-code": "AR",
        }
    )
    response = client.post("/team/wegweiser/angebote/neu/", data)
    service = Service.objects.get(name="Beratung Bautzen")
    assert response.status_code == 302 and response["Location"] == edit_url(service)
    assert service.last_checked_on == timezone.localdate() and service.version == 1
    location = service.service_at_locations.get().location
    assert location.organization == organization and location.municipality.name == "Bautzen"
    assert location.addresses.get().postal_code == "02625"
    assert location.accessibility.get().description == "Aufzug vorhanden."
    assert list(service.phones.values_list("number", flat=True)) == ["03591 123456"]
    schedule = service.schedules.get()
    assert (schedule.byday, schedule.opens_at, schedule.closes_at) == ("MO,WE", time(9), time(12))
    assert list(service.languages.values_list("code", flat=True)) == ["ar"]
    assert list(service.service_areas.values_list("district", flat=True)) == [district.pk]
    assert list(service.topics.all()) == [topic]
    assert actions("directory.organization") == ["directory.organization_created"]
    assert actions("directory.service") == ["directory.service_created"]

    public = client.get(service.get_absolute_url()).content.decode()
    assert "Beratung Bautzen" in public and "09:00–12:00 Uhr" in public and "Lauengraben 18" in public


def test_editing_keeps_ids_of_untouched_rows_and_counts_as_a_check(client, team, login_as, clock):
    service = make_agency(name="Beratung Pirna", place="Pirna", hours=(("MO,TU", "09:00", "12:00"),))
    Service.objects.filter(pk=service.pk).update(last_modified=timezone.now() - timedelta(days=800))
    before = {
        "phone": service.phones.get().pk,
        "area": service.service_areas.get().pk,
        "attribute": service.attributes.get().pk,
        "location": service.service_at_locations.get().location_id,
    }
    login_as(team)
    data = page_data(service)
    data.update({"name": "Beratung Pirna (neu)", "zeiten-0-closes_at": "13:30", "statewide": "on"})
    data["zeiten-1-days"] = ["FR"]
    data.update({"zeiten-1-opens_at": "10:00", "zeiten-1-closes_at": "14:00"})
    response = client.post(edit_url(service), data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Beratung Pirna (neu)" and service.version == 2
    assert service.last_checked_on == timezone.localdate()
    assert abs(service.last_modified - timezone.now()) < timedelta(minutes=1)
    assert sorted(str(s) for s in service.schedules.all()) == ["FR 10:00–14:00", "MO,TU 09:00–13:30"]
    assert service.phones.get().pk == before["phone"]
    assert service.attributes.get().pk == before["attribute"]
    assert service.service_at_locations.get().location_id == before["location"]
    areas = list(service.service_areas.order_by("name"))
    assert before["area"] in [a.pk for a in areas] and any(a.statewide for a in areas)
    entry = Entry.objects.get(action="directory.service_changed")
    assert entry.target_id == str(service.pk) and entry.actor == team
    assert {"name", "schedules", "areas"} <= set(entry.details["fields"])


def test_rows_can_be_removed_and_the_location_goes_when_no_service_uses_it(client, team, login_as):
    service = make_agency(languages=("de", "ar"))
    login_as(team)
    data = page_data(service)
    data.update({"telefon-0-DELETE": "on", "sprachen-1-DELETE": "on", "standorte-0-DELETE": "on", "topic_terms": []})
    assert client.post(edit_url(service), data).status_code == 302
    assert not Phone.objects.filter(service=service).exists()
    assert list(service.languages.values_list("code", flat=True)) == ["ar"]  # rows in code order: ar, de
    assert not Attribute.objects.filter(service=service).exists()
    assert not Location.objects.exists()


def test_geprueft_button_sets_the_date_and_is_audited(client, team, login_as):
    service = make_agency()
    login_as(team)
    assert client.get(edit_url(service) + "geprueft/").status_code == 405
    response = client.post(edit_url(service) + "geprueft/")
    assert response.status_code == 302 and response["Location"] == edit_url(service)
    service.refresh_from_db()
    assert service.last_checked_on == timezone.localdate() and service.version == 1
    assert actions("directory.service") == ["directory.service_checked"]
    assert f"Zuletzt geprüft am {timezone.localdate():%d.%m.%Y}." in client.get(edit_url(service)).content.decode()


def test_service_deletion_asks_first_then_deletes_and_is_audited(client, admin, login_as):
    service = make_agency(name="Alte Beratung")
    other = make_agency(organization=service.organization)
    login_as(admin)
    page = client.get(edit_url(service) + "loeschen/").content.decode()
    assert "„Alte Beratung“ löschen" in page and "Endgültig löschen" in page
    assert Service.objects.filter(pk=service.pk).exists()
    response = client.post(edit_url(service) + "loeschen/")
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Service.objects.filter(pk=service.pk).exists()
    assert Location.objects.count() == 1  # the other service's location stays
    assert Service.objects.filter(pk=other.pk).exists()
    assert actions("directory.service") == ["directory.service_deleted"]
    assert client.get(service.get_absolute_url()).status_code == 404


def test_organisation_with_services_cannot_be_deleted_and_says_which(client, team, login_as):
    service = make_agency(name="Beratung Zittau")
    organization = service.organization
    login_as(team)
    url = f"{ORGANIZATIONS}{organization.pk}/loeschen/"
    page = client.get(url).content.decode()
    assert "kann deshalb nicht gelöscht werden" in page and "Beratung Zittau" in page and "Endgültig" not in page
    response = client.post(url)
    assert response.status_code == 409 and "Beratung Zittau" in response.content.decode()
    assert Organization.objects.filter(pk=organization.pk).exists()

    client.post(edit_url(service) + "loeschen/")
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == ORGANIZATIONS
    assert not Organization.objects.filter(pk=organization.pk).exists()
    assert actions("directory.organization") == ["directory.organization_deleted"]


# --- bad input and conflicts -------------------------------------------------------------


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(client, team, login_as):
    service = make_agency(name="Beratung Riesa", place="Riesa")
    login_as(team)
    data = page_data(service)
    data.update(
        {
            "name": "Beratung Riesa (Entwurf)",
            "zeiten-0-closes_at": "08:00",
            "standorte-1-name": "Zweigstelle",
            "standorte-1-address_1": "Hauptstraße 1",
            "standorte-1-postal_code": "159",
            "standorte-1-city": "Risa",
            "standorte-1-place": "Risa",
            "telefon-1-description": "Nur vormittags",
        }
    )
    response = client.post(edit_url(service), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "Öffnungszeit 1, Schließt um: Die Schließzeit muss nach der Öffnungszeit liegen." in page
    assert "Standort 2, Postleitzahl: Geben Sie eine sächsische Postleitzahl mit fünf Ziffern ein" in page
    assert "Wir kennen keine sächsische Gemeinde „Risa“. Meinten Sie: Riesa" in page
    assert "Telefon 2, Nummer: Geben Sie die Telefonnummer ein" in page
    assert 'href="#id_zeiten-0-closes_at"' in page
    for typed in ['value="Beratung Riesa (Entwurf)"', 'value="08:00"', 'value="Zweigstelle"', 'value="Nur vormittags"']:
        assert typed in page
    service.refresh_from_db()
    assert service.name == "Beratung Riesa" and service.version == 1
    assert not Entry.objects.exists()


def test_two_people_editing_the_same_service_do_not_overwrite_each_other(team, admin):
    service = make_agency(name="Beratung Meißen", place="Meißen")
    first, second = Client(), Client()
    log_in(first, team)
    log_in(second, admin)
    data_first, data_second = page_data(service), page_data(service)  # both opened version 1

    data_first.update({"name": "Beratung Meißen (Team)"})
    assert first.post(edit_url(service), data_first).status_code == 302

    data_second.update({"telefon-0-number": "03521 999999", "alert": "Im August geschlossen."})
    response = second.post(edit_url(service), data_second)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jemand anderes hat diesen Eintrag gespeichert" in page
    assert 'value="03521 999999"' in page and "Im August geschlossen." in page
    assert 'name="version" value="2"' in page
    service.refresh_from_db()
    assert service.name == "Beratung Meißen (Team)" and service.alert == "" and service.version == 2
    assert service.phones.get().number != "03521 999999"

    data_second["version"] = "2"  # saving again on purpose applies the second version on top
    assert second.post(edit_url(service), data_second).status_code == 302
    service.refresh_from_db()
    assert service.alert == "Im August geschlossen." and service.version == 3
    assert actions("directory.service") == ["directory.service_changed", "directory.service_changed"]


def test_two_people_editing_the_same_organisation_do_not_overwrite_each_other(client, team, login_as):
    organization = Organization.objects.create(name="Verein A")
    login_as(team)
    url = f"{ORGANIZATIONS}{organization.pk}/"
    assert client.post(url, {"version": "1", "name": "Verein A (neu)"}).status_code == 302
    response = client.post(url, {"version": "1", "name": "Verein A (alt)", "legal_status": "e.V."})
    page = response.content.decode()
    assert response.status_code == 200 and "Jemand anderes hat diesen Eintrag gespeichert" in page
    assert 'value="Verein A (alt)"' in page and 'value="e.V."' in page
    organization.refresh_from_db()
    assert organization.name == "Verein A (neu)" and organization.version == 2
    assert actions("directory.organization") == ["directory.organization_changed"]


# --- HSDS exchange --------------------------------------------------------------------------


def test_export_edit_through_the_pages_export_import_into_an_empty_database_export_is_identical(
    client, team, login_as, tmp_path
):
    service = make_agency(name="Beratung Pirna", place="Pirna", languages=("de",))
    make_agency(name="Beratung Görlitz", place="Görlitz", area="statewide")
    make_topic_term("wohnen", "Wohnen", "Housing")
    before = tmp_path / "before"
    export_package(before)

    login_as(team)
    data = page_data(service)
    data.update(
        {
            "name": "Beratung Pirna und Umgebung",
            "alert": "Am 24.12. geschlossen.",
            "zeiten-0-closes_at": "13:30",
            "zeiten-1-days": ["SA"],
            "zeiten-1-opens_at": "10:00",
            "zeiten-1-closes_at": "12:00",
            "telefon-1-number": "03501 777777",
            "sprachen-1-name": "Ukrainisch",
            "sprachen-1-code": "uk",
            "statewide": "on",
            "standorte-1-name": "Außenstelle Sebnitz",
            "standorte-1-address_1": "Markt 5",
            "standorte-1-postal_code": "01855",
            "standorte-1-city": "Sebnitz",
            "standorte-1-place": "Sebnitz",
        }
    )
    data["topic_terms"] = data["topic_terms"] + [str(make_topic_term("wohnen").pk)]
    assert client.post(edit_url(service), data).status_code == 302
    organization = service.organization
    response = client.post(
        f"{ORGANIZATIONS}{organization.pk}/", {"version": "1", "name": organization.name, "legal_status": "e.V."}
    )
    assert response.status_code == 302
    edited = tmp_path / "edited"
    export_package(edited)

    changed = files(edited)
    assert changed != files(before)
    services_csv = changed["services.csv"].decode()
    assert "assured_date" in services_csv.splitlines()[0]
    assert "Beratung Pirna und Umgebung" in services_csv and f",{timezone.localdate():%Y-%m-%d}" in services_csv
    assert "SA" in changed["schedules.csv"].decode() and "13:30" in changed["schedules.csv"].decode()
    assert "Außenstelle Sebnitz" in changed["locations.csv"].decode()
    assert "03501 777777" in changed["phones.csv"].decode() and "uk" in changed["languages.csv"].decode()
    assert "e.V." in changed["organizations.csv"].decode()

    wipe()
    import_package(edited)
    again = tmp_path / "again"
    export_package(again)
    assert files(again) == changed
    assert Service.objects.get(pk=service.pk).last_checked_on == timezone.localdate()


# --- lists, search, reminders ---------------------------------------------------------------


def _make_old(service, days=400):
    Service.objects.filter(pk=service.pk).update(last_checked_on=timezone.localdate() - timedelta(days=days))


def test_list_searches_and_filters_entries_not_checked_for_12_months(client, team, login_as):
    old = make_agency(name="Beratung Alt")
    _make_old(old)
    never = make_agency(name="Beratung Nie")
    Service.objects.filter(pk=never.pk).update(last_modified=timezone.now() - timedelta(days=500))
    fresh = make_agency(name="Beratung Frisch")
    _make_old(fresh, days=300)
    login_as(team)
    page = client.get(LIST).content.decode()
    assert "3 Angebote" in page and "Beratung Frisch" in page
    page = client.get(LIST + "?pruefen=on").content.decode()
    assert "Beratung Alt" in page and "Beratung Nie" in page and "Beratung Frisch" not in page
    assert f"seit {check_cutoff(timezone.localdate()):%d.%m.%Y} nicht geprüft" in page
    page = client.get(LIST + "?q=alt").content.decode()
    assert "Beratung Alt" in page and "Beratung Nie" not in page
    page = client.get(ORGANIZATIONS + f"?q={old.organization.name}").content.decode()
    assert "1 Organisation" in page


def test_lists_need_the_same_number_of_queries_for_1_and_50_entries(client, team, login_as):
    login_as(team)
    _make_old(make_agency())
    queries = {}
    for url in [LIST, LIST + "?pruefen=on", ORGANIZATIONS]:
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        queries[url] = len(one)
    for _n in range(49):
        _make_old(make_agency())
    for url, count in queries.items():
        with CaptureQueriesContext(connection) as fifty:
            assert client.get(url).status_code == 200
        assert len(fifty) == count, url


def test_edit_page_needs_the_same_number_of_queries_for_few_and_many_rows(client, team, login_as):
    login_as(team)
    small = make_agency(hours=(("MO", "09:00", "12:00"),), languages=("de",))
    big = make_agency(
        hours=tuple((day, "09:00", "12:00") for day in ["MO", "TU", "WE", "TH", "FR"]),
        languages=("de", "en", "ar", "fa", "uk"),
        topics=("asylverfahrensberatung", "arbeit", "wohnen"),
    )
    client.get(edit_url(small))  # the municipality names for the datalist are cached for minutes
    with CaptureQueriesContext(connection) as few:
        client.get(edit_url(small))
    with CaptureQueriesContext(connection) as many:
        client.get(edit_url(big))
    assert len(many) == len(few)


def test_dashboard_reminds_of_entries_not_checked_for_12_months(client, team, login_as):
    login_as(team)
    fresh = make_agency(name="Beratung Frisch")
    assert "Wegweiser-Einträge prüfen" not in client.get("/team/").content.decode()
    old = make_agency(name="Beratung Alt")
    _make_old(old)
    with CaptureQueriesContext(connection) as one:
        page = client.get("/team/").content.decode()
    assert "Wegweiser-Einträge prüfen" in page
    assert "Ein Eintrag wurde seit 12 Monaten nicht geprüft." in page
    assert f'href="{LIST}?pruefen=on"' in page and f'href="{edit_url(old)}"' in page
    assert "Beratung Frisch" not in page
    for _n in range(20):
        _make_old(make_agency())
    with CaptureQueriesContext(connection) as many:
        page = client.get("/team/").content.decode()
    assert "21 Einträge wurden seit 12 Monaten nicht geprüft." in page
    assert len(many) == len(one)
    client.post(edit_url(old) + "geprueft/")
    assert "20 Einträge wurden" in client.get("/team/").content.decode()
    assert fresh.pk


def test_defunct_services_and_other_roles_get_no_reminder(client, trainer_a, login_as):
    old = make_agency(status=Service.Status.DEFUNCT)
    _make_old(old)
    login_as(trainer_a)
    assert "Wegweiser-Einträge prüfen" not in client.get("/team/").content.decode()
