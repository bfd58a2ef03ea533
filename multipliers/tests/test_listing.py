"""Multiplier accounts and the opt-in public listing: invitation through the accounts app, consent
recorded, withdrawal at once (search, profile, sitemap), search by place and radius, topic and
language, and the relay that never reveals the multiplier's address (real SMTP)."""

import pytest

from accounts.models import Invitation, User
from audit.models import Entry
from core import guards
from events.testing import make_language, make_topic
from mail.testing import deliver_outbox
from multipliers.models import LISTING_CONSENT_VERSION, ContactNote, Multiplier
from multipliers.testing import attend, enrol, make_course, make_multiplier

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_the_team_invites_a_person_who_completed_through_the_accounts_invitation(client, team, login_as, smtp_server):
    login_as(team)
    course = make_course()
    done = enrol(course, name="Erika Beispiel", email="erika@example.org")
    attend(done, 1, 2, 3, 4, 5, 6)
    open_ = enrol(course, name="Noch Offen")
    attend(open_, 1)
    page = client.get(f"/team/veranstaltungen/{course.pk}/kohorte/").content.decode()
    assert page.count("Als Multiplikator_in einladen") == 1
    client.post(f"/team/veranstaltungen/{course.pk}/kohorte/{open_.pk}/einladen/")
    assert not Multiplier.objects.exists()
    client.post(f"/team/veranstaltungen/{course.pk}/kohorte/{done.pk}/einladen/")
    client.post(f"/team/veranstaltungen/{course.pk}/kohorte/{done.pk}/einladen/")  # a second click
    (profile,) = Multiplier.objects.all()
    assert profile.user.role == User.Role.MULTIPLIER and profile.user.email == "erika@example.org"
    assert profile.display_name == "Erika B." and not profile.listed
    assert Invitation.objects.filter(user=profile.user).count() == 1
    deliver_outbox()
    invitations = [
        m for m in smtp_server.messages_to("erika@example.org") if "/konto/passwort-neu/einladung/" in m.text
    ]
    assert len(invitations) == 1


def _profile_form(profile, **changes):
    data = {
        "display_name": profile.display_name,
        "place": "Görlitz",
        "topics": [t.pk for t in profile.topics.all()],
        "languages": [],
        "how_i_help": "Beratung zu Asylverfahren.",
        "availability": "abends",
        "version": profile.version,
    }
    data.update(changes)
    return data


def test_listing_needs_consent_and_switching_it_off_removes_it_at_once(client, login_as):
    asyl = make_topic()
    profile = make_multiplier(name="Mira B.", listed=False, topics=[asyl])
    login_as(profile.user)
    assert "Mira B." not in client.get("/multiplikatorinnen/").content.decode()
    page = client.post("/multiplikator/", _profile_form(profile, listed="on")).content.decode()
    assert "Bitte stimmen Sie zu" in page
    client.post("/multiplikator/", _profile_form(profile, listed="on", listing_consent="on"))
    profile.refresh_from_db()
    assert profile.listed and profile.listing_consent_version == LISTING_CONSENT_VERSION
    assert profile.listing_consented_at is not None
    assert Entry.objects.filter(action="multiplier.listed").exists()
    client.logout()
    assert "Mira B." in client.get("/multiplikatorinnen/").content.decode()
    assert client.get(profile.get_absolute_url()).status_code == 200
    assert profile.get_absolute_url() in client.get("/sitemap.xml").content.decode()
    login_as(profile.user)
    client.post("/multiplikator/", _profile_form(profile, version=profile.version))  # listed unticked
    client.logout()
    response = client.get("/multiplikatorinnen/")
    assert "Mira B." not in response.content.decode()
    assert "no-cache" in response["Cache-Control"]
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert profile.get_absolute_url() not in client.get("/sitemap.xml").content.decode()


def test_search_by_place_radius_topic_and_language(client):
    asyl, arbeit = make_topic(), make_topic("arbeit", "Arbeit", "Work")
    arabic = make_language("ar", "Arabisch", "Arabic")
    make_multiplier(name="In Görlitz", place="Görlitz", topics=[asyl], languages=[arabic])
    make_multiplier(name="In Löbau", place="Löbau", topics=[asyl])
    make_multiplier(name="In Leipzig", place="Leipzig", topics=[asyl])
    make_multiplier(name="Nur Arbeit", place="Görlitz", topics=[arbeit])
    make_multiplier(name="Nicht gelistet", place="Görlitz", topics=[asyl], listed=False)
    page = client.get("/multiplikatorinnen/?ort=Görlitz&umkreis=40&thema=asylverfahren").content.decode()
    assert "In Görlitz" in page and "In Löbau" in page
    assert "In Leipzig" not in page and "Nur Arbeit" not in page and "Nicht gelistet" not in page
    assert page.index("In Görlitz") < page.index("In Löbau")  # nearest first
    page = client.get("/multiplikatorinnen/?ort=Görlitz&umkreis=40&sprache=ar").content.decode()
    assert "In Görlitz" in page and "In Löbau" not in page
    page = client.get("/multiplikatorinnen/?ort=Gibtsnicht&umkreis=999").content.decode()
    assert "Wir kennen keine sächsische Gemeinde" in page and "In Leipzig" in page
    assert "<svg" in page and "Multiplikator_innen je Landkreis" in page


def test_the_relay_never_reveals_the_multiplier_s_address(client, smtp_server):
    profile = make_multiplier(name="Mira B.", email="mira.privat@example.org")
    page = client.get(profile.get_absolute_url()).content.decode()
    assert "mira.privat@example.org" not in page and "Görlitz" in page
    form = {
        "sender_name": "Volker Ehrenamt",
        "sender_email": "volker@example.org",
        "message": "Ich suche Rat zum Asylverfahren.",
        "company": "",
        "started": guards.issue_token(),
    }
    response = client.post(profile.get_absolute_url(), form)
    assert response.status_code == 302
    assert "mira.privat@example.org" not in client.get(response["Location"]).content.decode()
    deliver_outbox()
    (mail,) = smtp_server.messages_to("mira.privat@example.org")
    assert "Ich suche Rat zum Asylverfahren." in mail.text
    assert not smtp_server.messages_to("volker@example.org")
    assert ContactNote.objects.filter(multiplier=profile, address_shared=False).count() == 1


def test_personas_on_profiles(client, login_as, team, multiplier, anonymous):
    mine = make_multiplier(name="A")
    other = make_multiplier(name="B", listed=False)
    login_as(mine.user)
    page = client.get("/multiplikator/").content.decode()
    assert 'value="A"' in page and 'value="B"' not in page
    assert client.get(other.get_absolute_url()).status_code == 404  # not listed: not even for a peer
    login_as(team)
    assert client.get("/multiplikator/").status_code == 403
    login_as(anonymous)
    assert client.get("/multiplikator/").status_code == 302
    login_as(multiplier)  # a multiplier account without a profile
    assert client.get("/multiplikator/").status_code == 404


def test_a_multiplier_lands_on_their_own_page_after_login(client):
    from accounts.testing import TEST_PASSWORD

    profile = make_multiplier(name="Mira B.")
    response = client.post("/konto/anmelden/", {"username": profile.user.email, "password": TEST_PASSWORD})
    assert response["Location"] == "/multiplikator/"


def test_the_relay_refuses_a_flood(client, settings):
    settings.RELAY_RATE_PER_SENDER = "2/h"
    profile = make_multiplier(name="Mira B.")

    def send(n):
        form = {
            "sender_name": "Flut",
            "sender_email": "flut@example.org",
            "message": f"Nachricht {n}",
            "company": "",
            "started": guards.issue_token(),
        }
        return client.post(profile.get_absolute_url(), form)

    assert [send(n).status_code for n in range(3)] == [302, 302, 429]
    assert ContactNote.objects.filter(multiplier=profile).count() == 2


def _search_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/multiplikatorinnen/?ort=Görlitz&umkreis=40&thema=asylverfahren"
    client.get(url)  # warm the per-process caches (places, map)
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    return len(captured), page


def test_the_search_needs_the_same_queries_for_few_and_many_listed(client):
    asyl, arabic = make_topic(), make_language("ar", "Arabisch", "Arabic")
    for n in range(2):
        make_multiplier(name=f"Wenig {n}", place="Löbau", topics=[asyl], languages=[arabic])
    small, page = _search_queries(client)
    assert page.count('class="card"') == 2 and "Asylverfahren" in page and "Arabisch" in page
    for n in range(28):
        make_multiplier(name=f"Viele {n}", place="Görlitz", topics=[asyl], languages=[arabic])
    large, page = _search_queries(client)
    assert page.count('class="card"') == 20  # one page
    assert small == large


def test_the_district_map_follows_a_withdrawn_listing_at_once(client):
    profile = make_multiplier(name="Mira B.", place="Görlitz")
    assert "1 Multiplikator_in" in client.get("/multiplikatorinnen/").content.decode()
    Multiplier.objects.filter(pk=profile.pk).update(listed=False)
    page = client.get("/multiplikatorinnen/").content.decode()
    assert "Mira B." not in page and "1 Multiplikator_in" not in page
