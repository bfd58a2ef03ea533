"""Each role sees exactly what it may on every participant page (names, counts, 403 or 404).

The personas come from the shared set (`accounts.testing`); `build_world` links them to events.
"""

import pytest

from accounts.testing import log_in, login_with_second_factor
from audit.models import Entry
from participants.tests.helpers import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(trainer_a, trainer_b, partner_with_names, partner_without_names):
    return build_world(
        trainer_a=trainer_a,
        trainer_b=trainer_b,
        partner_with_names=partner_with_names,
        partner_without_names=partner_without_names,
        days_ahead=-1,
        hours=5,
    )


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
    "trainer_a": TRAINER,
    "trainer_b": OTHER_TRAINER,
    "partner_without_names": PARTNER,
    # Co-hosts only the other event (with names): this one stays invisible.
    "partner_with_names": OTHER_TRAINER,
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_role_gets_exactly_its_participant_pages(client, world, persona, request):
    user = request.getfixturevalue(persona)
    # As the real login leaves the session, and with a code even where the role needs none.
    for login in (log_in, login_with_second_factor):
        login(client, user)
        got = {name: client.get(url).status_code for name, url in pages(world).items()}
        assert got == EXPECTED[persona], login.__name__


def test_anonymous_is_sent_to_the_login(client, world):
    for name, url in pages(world).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith("/konto/anmelden/?next="), name


@pytest.mark.parametrize("persona", ["admin", "team", "trainer_a"])
def test_names_for_roles_with_access_with_the_personal_data_reminder(client, world, persona, request, login_as):
    login_as(request.getfixturevalue(persona))
    page = client.get(pages(world)["list"]).content.decode()
    assert "Erika Muster 1" in page and "Erika Muster 3" in page
    assert "Personenbezogene Daten:" in page
    exports = "Als CSV exportieren" in page
    assert exports == (persona != "trainer_a")


def test_partner_without_name_access_sees_counts_only(client, world, partner_without_names, login_as):
    login_as(partner_without_names)
    page = client.get(pages(world)["list"]).content.decode()
    assert "Erika Muster" not in page and "@example.org" not in page
    assert "nicht freigegeben" in page
    assert "Ehrenamtlich engagiert" in page  # counts by role
    assert "Personenbezogene Daten:" not in page


def test_partner_with_name_access_sees_names_of_that_event_but_cannot_export_or_change(
    client, world, partner_with_names, login_as
):
    login_as(partner_with_names)
    named = world["named"].pk
    page = client.get(f"/team/veranstaltungen/{named}/teilnehmende/").content.decode()
    assert "Görlitzer Person" in page
    assert "Als CSV exportieren" not in page and "Person von Hand anmelden" not in page
    assert client.get(f"/team/veranstaltungen/{named}/teilnehmende/export.csv").status_code == 403
    assert client.get(f"/team/veranstaltungen/{named}/einlass/").status_code == 403


def test_views_and_exports_are_audited_without_personal_data(client, world, team, login_as):
    login_as(team)
    urls = pages(world)
    client.get(urls["list"])
    client.get(urls["csv"])
    client.get(urls["xlsx"])
    client.get(urls["checkin"])
    client.get(urls["attendance_list"])
    entries = list(Entry.objects.filter(actor=team).order_by("id"))
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


def test_opening_one_persons_edit_form_is_audited_with_its_registration_id(client, world, team, login_as):
    login_as(team)
    booking = world["people"][0]
    page = client.get(f"/team/veranstaltungen/{world['event'].pk}/teilnehmende/{booking.pk}/bearbeiten/")
    assert "Erika Muster 1" in page.content.decode()
    entry = Entry.objects.get(actor=team, action="participants.viewed")
    assert entry.target_id == str(world["event"].pk)
    assert entry.details == {"registration": booking.registration_id}


def test_partner_counts_view_is_not_logged_as_a_view_of_personal_data(client, world, partner_without_names, login_as):
    login_as(partner_without_names)
    client.get(pages(world)["list"])
    assert not Entry.objects.filter(action="participants.viewed").exists()


def test_the_list_says_when_the_participants_data_will_be_anonymised(client, world, settings, team, login_as):
    from core.dates import format_day
    from registrations.retention import event_retention

    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "participant_months_after_event": 12}
    login_as(team)
    page = client.get(pages(world)["list"]).content.decode()
    anonymised_from, kept_until = event_retention(world["event"])
    assert anonymised_from.year == world["event"].end.year + 1
    assert f"Kontaktdaten werden ab {format_day(anonymised_from)} anonymisiert" in page
    assert format_day(kept_until) in page
