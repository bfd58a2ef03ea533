"""Public proposals stay hidden until the team approves them; staff pages by role."""

import pytest
from django.urls import reverse

from audit.models import Entry
from core import guards
from network.models import Initiative
from network.testing import make_initiative
from privacy.queries import current_notice

pytestmark = pytest.mark.django_db


def started():
    return guards.issue_token()  # what the form page would carry


def proposal(**overrides):
    data = {
        "name": "Willkommenscafé Freital",
        "kind": "welcome",
        "place": "Freital",
        "focus": "Sprachcafé, Begleitung zu Ämtern",
        "description": "Wir sind Nachbar_innen.",
        "how_to_join": "Kommen Sie dienstags vorbei.",
        "meeting_times": "dienstags 17 Uhr",
        "website": "",
        "contact_email": "privat-freital@example.org",
        "company": "",
        "started": started(),
        "privacy_consent": "on",
    }
    data.update(overrides)
    return data


def test_proposal_is_stored_hidden_until_approved_then_public(client, team, login_as):
    response = client.post("/initiativen/vorschlagen/", proposal())

    assert response.status_code == 302 and response["Location"] == "/initiativen/vorschlagen/danke/"
    initiative = Initiative.objects.get()
    assert initiative.status == Initiative.Status.PROPOSED
    assert initiative.municipality.name == "Freital"
    assert initiative.contact_email == "privat-freital@example.org"
    assert initiative.privacy_notice_version == current_notice().version
    assert initiative.privacy_consented_at is not None
    assert "Willkommenscafé Freital" not in client.get("/initiativen/").content.decode()
    assert client.get(initiative.get_absolute_url()).status_code == 404
    thanks = client.get(response["Location"]).content.decode()
    assert "prüft den Eintrag" in thanks

    login_as(team)
    queue = client.get("/team/initiativen/").content.decode()
    assert "Willkommenscafé Freital" in queue and "privat-freital@example.org" in queue
    client.post(f"/team/initiativen/{initiative.pk}/pruefen/", {"action": "approve"})
    client.logout()

    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.APPROVED
    assert initiative.reviewed_by == team and initiative.reviewed_at is not None
    listing = client.get("/initiativen/").content.decode()
    assert "Willkommenscafé Freital" in listing
    assert "privat-freital@example.org" not in listing
    assert "Willkommenscafé Freital" in client.get(initiative.get_absolute_url()).content.decode()


def test_bad_proposal_keeps_values_and_says_what_to_fix(client):
    response = client.post(
        "/initiativen/vorschlagen/", proposal(place="Pirnaa", contact_email="kein-at-zeichen", focus="")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert Initiative.objects.count() == 0
    assert "Bitte prüfen Sie Ihre Angaben" in page
    assert "Wir kennen keine sächsische Gemeinde „Pirnaa“. Meinten Sie: Pirna?" in page
    assert "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an." in page
    assert "Bitte nennen Sie in ein paar Worten" in page
    assert 'value="Willkommenscafé Freital"' in page
    assert "Wir sind Nachbar_innen." in page


def test_proposal_without_privacy_consent_is_refused(client):
    data = proposal()
    data.pop("privacy_consent")

    page = client.post("/initiativen/vorschlagen/", data).content.decode()

    assert Initiative.objects.count() == 0
    assert "Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben." in page
    assert 'value="Willkommenscafé Freital"' in page


def test_forged_token_is_refused_but_keeps_values(client):
    response = client.post("/initiativen/vorschlagen/", proposal(started="12345"))

    assert Initiative.objects.count() == 0
    page = response.content.decode()
    assert "Das Formular war zu lange geöffnet" in page
    assert 'value="Willkommenscafé Freital"' in page


def test_honeypot_pretends_success_and_stores_nothing(client):
    response = client.post("/initiativen/vorschlagen/", proposal(company="Spam GmbH"))

    assert response.status_code == 302 and response["Location"] == "/initiativen/vorschlagen/danke/"
    assert Initiative.objects.count() == 0


def test_proposal_rate_limit_per_ip(client, settings):
    settings.NETWORK_PROPOSAL_RATE = "2/h"
    for n in range(2):
        assert client.post("/initiativen/vorschlagen/", proposal(name=f"Initiative {n}")).status_code == 302

    response = client.post("/initiativen/vorschlagen/", proposal(name="Initiative 3"))

    assert response.status_code == 429
    assert "Bitte versuchen Sie es in einer Stunde noch einmal" in response.content.decode()
    assert 'value="Initiative 3"' in response.content.decode()
    assert Initiative.objects.count() == 2


def test_proposal_slugs_are_unique_and_avoid_reserved_paths(client):
    client.post("/initiativen/vorschlagen/", proposal(name="Karte"))
    client.post("/initiativen/vorschlagen/", proposal(name="Karte"))

    assert sorted(Initiative.objects.values_list("slug", flat=True)) == ["karte-2", "karte-3"]


# --- staff pages by role ------------------------------------------------------

STAFF_URLS = ["/team/initiativen/", "/team/initiativen/{pk}/"]


@pytest.mark.parametrize("url", STAFF_URLS)
def test_anonymous_is_sent_to_login(client, url):
    initiative = make_initiative(status=Initiative.Status.PROPOSED)

    response = client.get(url.format(pk=initiative.pk))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
@pytest.mark.parametrize("url", STAFF_URLS)
def test_roles_without_back_office_rights_get_403(client, persona, url, request, login_as):
    initiative = make_initiative(status=Initiative.Status.PROPOSED, contact_email="geheim-x@example.org")
    login_as(request.getfixturevalue(persona))

    response = client.get(url.format(pk=initiative.pk))
    post = client.post(f"/team/initiativen/{initiative.pk}/pruefen/", {"action": "approve"})

    assert response.status_code == 403
    assert "geheim-x@example.org" not in response.content.decode()
    assert post.status_code == 403
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED


@pytest.mark.parametrize("persona", ["team", "admin"])
def test_team_and_admin_can_review_edit_and_reject(client, persona, request, login_as):
    initiative = make_initiative(name="Alter Name", status=Initiative.Status.APPROVED)
    login_as(request.getfixturevalue(persona))

    form = client.get(f"/team/initiativen/{initiative.pk}/").content.decode()
    assert 'value="Alter Name"' in form and 'value="Pirna"' in form

    data = proposal(name="Neuer Name", place="Görlitz")
    data.pop("company"), data.pop("started"), data.pop("privacy_consent")
    response = client.post(f"/team/initiativen/{initiative.pk}/", data, follow=True)
    assert "Die Änderungen an „Neuer Name“ sind gespeichert." in response.content.decode()
    initiative.refresh_from_db()
    assert (initiative.name, initiative.municipality.name) == ("Neuer Name", "Görlitz")
    assert initiative.slug.startswith("initiative-")  # links stay stable

    client.post(f"/team/initiativen/{initiative.pk}/pruefen/", {"action": "reject"})
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.REJECTED
    client.logout()
    assert client.get(initiative.get_absolute_url()).status_code == 404


def test_team_login_without_second_factor_is_sent_back_to_login(client, team):
    initiative = make_initiative(status=Initiative.Status.PROPOSED, contact_email="geheim-y@example.org")
    client.force_login(team)  # password only, no TOTP code yet

    response = client.get("/team/initiativen/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "geheim-y@example.org" not in response.content.decode()
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED


def test_staff_views_and_changes_are_in_the_audit_log(client, team, login_as):
    initiative = make_initiative(status=Initiative.Status.PROPOSED, contact_email="geheim-z@example.org")
    login_as(team)

    client.get("/team/initiativen/")
    client.get(f"/team/initiativen/{initiative.pk}/")
    client.post(f"/team/initiativen/{initiative.pk}/pruefen/", {"action": "approve"})

    entries = list(Entry.objects.order_by("id").values_list("actor_id", "action", "target_id"))
    assert entries[-3:] == [
        (team.pk, "initiative.list_viewed", ""),
        (team.pk, "initiative.viewed", str(initiative.pk)),
        (team.pk, "initiative.approved", str(initiative.pk)),
    ]
    assert "geheim-z" not in str(list(Entry.objects.values()))


def test_staff_edit_with_errors_keeps_values(client, team, login_as):
    initiative = make_initiative(name="Alter Name")
    login_as(team)
    data = proposal(name="Neuer Name", place="Nirgendwo-Stadt", website="kein link")

    page = client.post(f"/team/initiativen/{initiative.pk}/", data).content.decode()

    assert "Wir kennen keine sächsische Gemeinde „Nirgendwo-Stadt“." in page
    assert "Bitte geben Sie eine vollständige Adresse an" in page
    assert 'value="Neuer Name"' in page
    initiative.refresh_from_db()
    assert initiative.name == "Alter Name"


def test_review_list_query_count_is_fixed(client, team, login_as):
    login_as(team)
    make_initiative(status=Initiative.Status.PROPOSED)
    client.get("/team/initiativen/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/team/initiativen/")
    for _ in range(49):
        make_initiative(status=Initiative.Status.PROPOSED)
    with CaptureQueriesContext(connection) as fifty:
        page = client.get("/team/initiativen/").content.decode()
    assert "50 Einträge" in page
    assert len(one.captured_queries) == len(fifty.captured_queries)


def test_the_review_pages_moved_under_team_and_old_links_redirect_permanently(client):
    initiative = make_initiative(status="proposed")
    pk = initiative.pk
    moves = {
        "/initiativen/verwaltung/": "/team/initiativen/",
        f"/initiativen/verwaltung/{pk}/": f"/team/initiativen/{pk}/",
        f"/initiativen/verwaltung/{pk}/pruefen/": f"/team/initiativen/{pk}/pruefen/",
        "/en/initiativen/verwaltung/?seite=2": "/en/team/initiativen/?seite=2",
    }
    for old, new in moves.items():
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new)
    response = client.post(f"/initiativen/verwaltung/{pk}/pruefen/", {"action": "approve"})
    assert (response.status_code, response["Location"]) == (308, f"/team/initiativen/{pk}/pruefen/")
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.PROPOSED  # a redirect changes nothing
