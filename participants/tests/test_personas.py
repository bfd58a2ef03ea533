"""Each role sees exactly what it may on every participant page (names, counts, 403 or 404)."""

import pytest

from accounts.testing import login_with_second_factor
from audit.models import Entry
from participants.tests.helpers import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(days_ahead=-1, hours=5)


def pages(w):
    pk, booking = w["event"].pk, w["people"][0].pk
    base = f"/team/veranstaltungen/{pk}/"
    return {
        "list": base + "teilnehmende/",
        "csv": base + "teilnehmende/export.csv",
        "xlsx": base + "teilnehmende/export.xlsx",
        "add": base + "teilnehmende/neu/",
        "edit": base + f"teilnehmende/{booking}/bearbeiten/",
        "cancel": base + f"teilnehmende/{booking}/absagen/",
        "promote": base + f"teilnehmende/{booking}/nachruecken/",
        "write": base + "teilnehmende/schreiben/",
        "checkin": base + "einlass/",
        "walk_in": base + "einlass/ohne-anmeldung/",
        "attendance_list": base + "teilnahmeliste.pdf",
        "certificates": base + "bescheinigungen/",
        "feedback": base + "feedback/",
        "feedback_period": "/team/feedback/",
    }


ALL = [
    "list",
    "csv",
    "xlsx",
    "add",
    "edit",
    "cancel",
    "promote",
    "write",
    "checkin",
    "walk_in",
    "attendance_list",
    "certificates",
    "feedback",
    "feedback_period",
]
TEAM = dict.fromkeys(ALL, 200)
TRAINER = {**dict.fromkeys(ALL, 403), "list": 200, "checkin": 200, "walk_in": 200, "attendance_list": 200}
PARTNER = {**dict.fromkeys(ALL, 403), "list": 200}
OTHER_TRAINER = {**dict.fromkeys(ALL, 404), "feedback_period": 403}
EXPECTED = {
    "admin": TEAM,
    "team": TEAM,
    "trainer": TRAINER,
    "other_trainer": OTHER_TRAINER,
    "partner": PARTNER,
    # Co-hosts only the other event (with names): this one stays invisible.
    "partner_names": OTHER_TRAINER,
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_exactly_its_participant_pages(client, world, persona):
    login_with_second_factor(client, world[persona])
    got = {name: client.get(url).status_code for name, url in pages(world).items()}
    assert got == EXPECTED[persona]


def test_anonymous_is_sent_to_the_login(client, world):
    for name, url in pages(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/konto/anmelden/?next="), name


@pytest.mark.parametrize("persona", ["admin", "team", "trainer"])
def test_names_for_roles_with_access_with_the_personal_data_reminder(client, world, persona):
    login_with_second_factor(client, world[persona])
    page = client.get(pages(world)["list"]).content.decode()
    assert "Erika Muster 1" in page and "Erika Muster 3" in page
    assert "Personenbezogene Daten:" in page
    exports = "Als CSV exportieren" in page
    assert exports == (persona != "trainer")


def test_partner_without_name_access_sees_counts_only(client, world):
    login_with_second_factor(client, world["partner"])
    page = client.get(pages(world)["list"]).content.decode()
    assert "Erika Muster" not in page and "@example.org" not in page
    assert "nicht freigegeben" in page
    assert "Ehrenamtlich engagiert" in page  # counts by role
    assert "Personenbezogene Daten:" not in page


def test_partner_with_name_access_sees_names_of_that_event_but_cannot_export_or_change(client, world):
    login_with_second_factor(client, world["partner_names"])
    named = world["named"].pk
    page = client.get(f"/team/veranstaltungen/{named}/teilnehmende/").content.decode()
    assert "Görlitzer Person" in page
    assert "Als CSV exportieren" not in page and "Person von Hand anmelden" not in page
    assert client.get(f"/team/veranstaltungen/{named}/teilnehmende/export.csv").status_code == 403
    assert client.get(f"/team/veranstaltungen/{named}/einlass/").status_code == 403


def test_views_and_exports_are_audited_without_personal_data(client, world):
    login_with_second_factor(client, world["team"])
    urls = pages(world)
    client.get(urls["list"])
    client.get(urls["csv"])
    client.get(urls["xlsx"])
    client.get(urls["checkin"])
    client.get(urls["attendance_list"])
    entries = list(Entry.objects.filter(actor=world["team"]).order_by("id"))
    assert [e.action for e in entries] == [
        "participants.viewed",
        "participants.exported",
        "participants.exported",
        "participants.viewed",
        "participants.exported",
    ]
    assert {e.target_id for e in entries} == {str(world["event"].pk)}
    assert [e.details.get("format") for e in entries if e.action == "participants.exported"] == [
        "csv",
        "xlsx",
        "attendance_list_pdf",
    ]
    logged = str([e.details for e in entries])
    assert "Erika" not in logged and "@" not in logged


def test_opening_one_persons_edit_form_is_audited_with_its_registration_id(client, world):
    login_with_second_factor(client, world["team"])
    booking = world["people"][0]
    page = client.get(f"/team/veranstaltungen/{world['event'].pk}/teilnehmende/{booking.pk}/bearbeiten/")
    assert "Erika Muster 1" in page.content.decode()
    entry = Entry.objects.get(actor=world["team"], action="participants.viewed")
    assert entry.target_id == str(world["event"].pk)
    assert entry.details == {"registration": booking.registration_id}


def test_partner_counts_view_is_not_logged_as_a_view_of_personal_data(client, world):
    login_with_second_factor(client, world["partner"])
    client.get(pages(world)["list"])
    assert not Entry.objects.filter(action="participants.viewed").exists()


def test_the_list_says_when_the_participants_data_will_be_anonymised(client, world, settings):
    from core.dates import format_day
    from privacy.retention import event_retention

    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "participant_months_after_event": 12}
    login_with_second_factor(client, world["team"])
    page = client.get(pages(world)["list"]).content.decode()
    anonymised_from, kept_until = event_retention(world["event"])
    assert anonymised_from.year == world["event"].end.year + 1
    assert f"Kontaktdaten werden ab {format_day(anonymised_from)} anonymisiert" in page
    assert format_day(kept_until) in page
