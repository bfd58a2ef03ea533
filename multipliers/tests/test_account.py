"""A multiplier's account: what it shows (own profile, relay metadata without the writer, the
anonymous log) holds no one else's personal data, so the second factor is offered on the own page
and, once set up, asked for at every login. Personas: multiplier A vs B vs team vs trainer vs
anonymous on every own page."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.permissions import requires_two_factor
from accounts.testing import TEST_PASSWORD, totp_code
from multipliers.models import ContactNote
from multipliers.testing import make_multiplier

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

OWN_PAGES = ("/multiplikator/", "/multiplikator/beratungen/", "/multiplikator/beratungen.csv")


def _password_step(client, user):
    return client.post("/konto/anmelden/", {"username": user.email, "password": TEST_PASSWORD})


def test_the_relay_history_shows_when_and_never_who(client, login_as):
    profile = make_multiplier(name="Mira B.")
    ContactNote.objects.create(multiplier=profile, address_shared=True)
    login_as(profile.user)
    page = client.get("/multiplikator/").content.decode()
    assert "mit Adresse für die Antwort" in page
    assert {f.name for f in ContactNote._meta.get_fields()} == {"id", "multiplier", "sent_at", "address_shared"}


def test_the_second_factor_is_offered_and_then_required(client):
    profile = make_multiplier(name="Mira B.")
    user = profile.user
    assert not requires_two_factor(user)
    assert _password_step(client, user)["Location"] == "/multiplikator/"  # no code needed yet
    page = client.get("/multiplikator/").content.decode()
    assert "Zwei-Faktor-Anmeldung einrichten" in page and "freiwillig" in page

    started = client.post("/konto/zwei-faktor-einrichten/", {"next": "/multiplikator/"})
    assert started["Location"].startswith("/konto/anmelden/zwei-faktor-einrichten/")
    setup = client.get(started["Location"]).content.decode()
    assert "schützt Ihr Konto" in setup and "kann personenbezogene Daten sehen" not in setup
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    done = client.post(started["Location"], {"code": totp_code(device)})
    assert done["Location"].startswith("/konto/wiederherstellungscodes/")
    page = client.get("/multiplikator/").content.decode()
    assert "Eingerichtet" in page and "freiwillig" not in page

    user = User.objects.get(pk=user.pk)  # the answer is kept on the object for one request
    assert requires_two_factor(user)
    client.post("/konto/abmelden/")
    response = _password_step(client, user)
    assert response["Location"].startswith("/konto/anmelden/code/")
    assert SESSION_KEY not in client.session
    assert client.get("/multiplikator/").status_code == 302  # the password alone opens nothing now
    device.refresh_from_db()
    ok = client.post(response["Location"], {"code": totp_code(device, offset_steps=1)})
    assert ok["Location"] == "/multiplikator/"
    assert client.get("/multiplikator/").status_code == 200


def test_offering_the_second_factor_needs_a_login_and_does_not_replace_a_device(client, login_as):
    assert client.post("/konto/zwei-faktor-einrichten/")["Location"].startswith("/konto/anmelden/")
    profile = make_multiplier(name="Mira B.")
    TOTPDevice.objects.create(user=profile.user, name="App", confirmed=True)
    login_as(profile.user)
    response = client.post("/konto/zwei-faktor-einrichten/", {"next": "/multiplikator/"})
    assert response["Location"] == "/multiplikator/"
    assert TOTPDevice.objects.filter(user=profile.user).count() == 1
    assert client.get("/konto/zwei-faktor-einrichten/").status_code == 405


@pytest.mark.parametrize("persona", ["anonymous", "team", "trainer_a", "multiplier_b"])
def test_personas_on_the_own_pages(client, login_as, persona, request):
    mine = make_multiplier(name="Alma A.")
    theirs = make_multiplier(name="Berta B.", listed=False)
    user = theirs.user if persona == "multiplier_b" else request.getfixturevalue(persona)
    login_as(user)
    statuses = [client.get(url).status_code for url in OWN_PAGES]
    if persona == "anonymous":
        assert statuses == [302, 302, 302]
    elif persona == "multiplier_b":
        assert statuses == [200, 200, 200]
        page = client.get("/multiplikator/").content.decode()
        assert 'value="Berta B."' in page and "Alma A." not in page
    else:
        assert statuses == [403, 403, 403]
    assert not re.search(r"Alma A\.", client.get("/multiplikatorinnen/").content.decode()) or mine.listed
