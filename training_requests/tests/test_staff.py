"""The team's pages: personas, queue filters with fixed query counts, the request page's actions,
conflicting edits, the map and the dashboard panel; the partner portal (partner A vs partner B)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import guards
from events.testing import make_event
from training_requests.models import TrainingRequest
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db

QUEUE = "/team/anfragen/"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", 302),
        ("admin", 200),
        ("team", 200),
        ("trainer_a", 403),
        ("partner_with_names", 403),
        ("multiplier", 403),
    ],
)
def test_only_the_team_sees_the_queue_the_request_and_the_map(client, login_as, request, persona, expected):
    training_request = make_request(contact_email="geheim@example.org")
    login_as(request.getfixturevalue(persona))
    for path in (QUEUE, f"{QUEUE}{training_request.pk}/", f"{QUEUE}karte/"):
        response = client.get(path)
        assert response.status_code == expected, path
        if expected == 200 and path == f"{QUEUE}{training_request.pk}/":
            assert "geheim@example.org" in response.content.decode()


def queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE + "?alter=7").status_code == 200
    return len(queries)


def test_queue_needs_the_same_number_of_queries_for_few_and_many(client, login_as, team):
    login_as(team)
    for _ in range(3):
        make_request(created_days_ago=10, assignee=team, event=make_event(status="draft"))
    few = queue_queries(client)
    for n in range(30):
        make_request(place=("Pirna", "Bautzen", "Zittau")[n % 3], created_days_ago=10, assignee=team)
    assert queue_queries(client) == few


def test_queue_filters_by_state_district_kind_assignee_and_age(client, login_as, team, admin):
    login_as(team)
    make_request(organisation="Alpha Zittau", place="Zittau", state="new", assignee=team)
    make_request(organisation="Beta Leipzig", place="Leipzig", state="discussion", kind="municipality")
    make_request(organisation="Gamma Alt", place="Zittau", created_days_ago=10, assignee=admin)
    make_request(organisation="Delta Unbestätigt", confirmed=False)

    def shown(query):
        page = client.get(QUEUE + query).content.decode()
        return {name for name in ("Alpha Zittau", "Beta Leipzig", "Gamma Alt", "Delta Unbestätigt") if name in page}

    assert shown("") == {"Alpha Zittau", "Beta Leipzig", "Gamma Alt"}
    assert shown("?stand=discussion") == {"Beta Leipzig"}
    assert shown("?kreis=leipzig") == {"Beta Leipzig"}
    assert shown("?art=municipality") == {"Beta Leipzig"}
    assert shown(f"?zustaendig={admin.pk}") == {"Gamma Alt"}
    assert shown("?zustaendig=niemand") == {"Beta Leipzig"}
    assert shown("?alter=7") == {"Gamma Alt"}
    page = client.get(QUEUE + "?stand=quatsch&kreis=x")
    assert page.status_code == 200 and "ungültigen Wert" in page.content.decode()


def test_dashboard_shows_requests_waiting_longer_than_seven_days(client, login_as, team):
    make_request(organisation="Wartet lange", created_days_ago=9)
    make_request(organisation="Ganz frisch", created_days_ago=1)
    make_request(organisation="Schon abgelehnt", state="declined", created_days_ago=30)
    login_as(team)
    page = client.get("/team/").content.decode()
    assert "länger als 7 Tage" in page
    assert "Wartet lange" in page and "Ganz frisch" not in page and "Schon abgelehnt" not in page


def test_the_request_page_plans_an_event_declines_with_a_reason_and_refuses_stale_forms(client, login_as, team):
    training_request = make_request(state="new")
    login_as(team)
    stale = training_request.version
    response = client.post(reverse("training_requests_staff:plan", args=[training_request.pk]), {"version": stale})
    training_request.refresh_from_db()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/team/veranstaltungen/{training_request.event_id}/"
    )
    hub = client.get(response["Location"]).content.decode()
    assert reverse("training_requests_staff:event_request", args=[training_request.event_id]) in hub

    state_url = reverse("training_requests_staff:state", args=[training_request.pk])
    # A form opened before the planning: refused, nothing overwritten.
    response = client.post(state_url, {"version": stale, "state": "declined", "reason": "Kein Termin"}, follow=True)
    assert "Jemand anderes hat diese Anfrage inzwischen geändert" in response.content.decode()
    training_request.refresh_from_db()
    assert training_request.state == "discussion"

    response = client.post(state_url, {"version": training_request.version, "state": "declined", "reason": ""})
    assert response.status_code == 409 and "Bitte begründen Sie die Absage" in response.content.decode()
    response = client.post(state_url, {"version": training_request.version, "state": "held"}, follow=True)
    assert "erst sein, wenn sie geplant ist" in response.content.decode()
    client.post(state_url, {"version": training_request.version, "state": "declined", "reason": "Kein Termin frei"})
    training_request.refresh_from_db()
    assert training_request.state == "declined" and training_request.decline_reason == "Kein Termin frei"


def test_notes_messages_and_assignment(client, login_as, team, admin):
    training_request = make_request(state="discussion")
    login_as(team)
    base = f"{QUEUE}{training_request.pk}/"
    client.post(base + "notiz/", {"body": "Interne Notiz"})
    client.post(base + "nachricht/", {"body": "Hallo Zittau"})
    client.post(base + "zustaendig/", {"version": training_request.version + 1, "assignee": admin.pk})
    training_request.refresh_from_db()
    assert training_request.assignee == admin
    assert training_request.notes.get().body == "Interne Notiz"
    assert training_request.messages.get().from_team
    response = client.post(base + "notiz/", {"body": ""})
    assert response.status_code == 200 and "Bitte schreiben Sie eine Notiz." in response.content.decode()


def test_the_map_shades_districts_and_lists_them(client, login_as, team):
    make_request(place="Zittau")
    make_request(place="Görlitz", state="held")
    login_as(team)
    page = client.get(f"{QUEUE}karte/").content.decode()
    assert "<svg" in page and "Görlitz" in page and "2 Anfragen" in page


def partner_form(**overrides):
    data = {
        "organisation": "Welcome Café Görlitz e.V.",
        "kind": "association",
        "place": "Görlitz",
        "contact_name": "Partnerin A",
        "contact_email": "a@example.org",
        "expected_participants": "10",
        "room": "unsure",
        "company": "",
        "started": guards.issue_token(),
    }
    return {**data, **overrides}


def test_partner_accounts_submit_without_opt_in_and_see_only_their_organisation(
    client, login_as, partner_with_names, partner_without_names
):
    login_as(partner_with_names)
    data = partner_form()
    assert client.post("/team/unsere-anfragen/neu/", data).status_code == 302
    assert client.post("/team/unsere-anfragen/neu/", data).status_code == 302  # resent: one request
    (mine,) = TrainingRequest.objects.all()
    assert mine.email_confirmed_at is not None and mine.partner_organisation == partner_with_names.partner_organisation
    co_hosted = make_event(title="Gemeinsame Schulung", partners=[partner_with_names.partner_organisation])
    page = client.get("/team/unsere-anfragen/").content.decode()
    assert "Görlitz" in page and "neu" in page and co_hosted.title in page

    login_as(partner_without_names)
    page = client.get("/team/unsere-anfragen/").content.decode()
    assert "Görlitz" not in page and co_hosted.title not in page
    assert client.get(f"{QUEUE}{mine.pk}/").status_code == 403


def test_the_partner_portal_shows_counts_of_co_hosted_events_never_names(client, login_as, partner_with_names):
    from registrations.testing import make_participant

    co_hosted = make_event(title="Gemeinsame Schulung", partners=[partner_with_names.partner_organisation])
    make_participant(co_hosted, name="Erika Beispielname", email="erika.beispiel@example.org")
    login_as(partner_with_names)
    page = client.get("/team/unsere-anfragen/").content.decode()
    row = re.search(r"<tr>(?:(?!</tr>).)*Gemeinsame Schulung.*?</tr>", page, re.S).group(0)
    assert 'class="num">1</td>' in row  # one confirmed, in the event's own row
    assert "Erika Beispielname" not in page and "erika.beispiel@example.org" not in page
