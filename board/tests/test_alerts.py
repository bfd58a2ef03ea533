"""E-mail alerts: double opt-in, one mail per new batch of matching posts, one-click unsubscribe."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from board.models import Alert
from board.services import send_alert_mails
from board.testing import make_alert, make_post
from core import guards
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from regions.models import District

pytestmark = pytest.mark.django_db

ADDRESS = "helfer.bautzen@example.net"


def subscribe(client, **overrides):
    data = {
        "email": ADDRESS,
        "art": "offer",
        "kategorie": "",
        "kreis": "bautzen",
        "privacy_consent": "on",
        "company": "",
        "started": guards.issue_token(),
    }
    data.update(overrides)
    return client.post("/suche-biete/benachrichtigung/", data)


@pytest.fixture
def bautzen():
    return District.objects.get(slug="bautzen")


def test_new_offers_in_bautzen_after_double_opt_in_then_one_click_unsubscribe(client, smtp_server, clock, bautzen):  # noqa: F811
    assert subscribe(client)["Location"] == "/suche-biete/benachrichtigung/gesendet/"
    alert = Alert.objects.get()
    assert alert.district == bautzen and alert.kind == "offer" and alert.confirmed_at is None

    make_post(title="Biete Fahrten nach Dresden", kind="offer", place="Bautzen")
    assert send_alert_mails(now=timezone.now()) == 0  # not confirmed: nothing

    deliver_outbox()
    (confirm,) = smtp_server.messages_to(ADDRESS)
    path = next(p for p in confirm.paths if "/bestaetigen/" in p)
    assert "Angebote" not in path  # no personal data in the link
    client.get(path)
    assert Alert.objects.get().confirmed_at is None  # GET confirms nothing
    assert "Ihre Benachrichtigung ist bestätigt" in client.post(path).content.decode()
    assert "schon benutzt" in client.get(path).content.decode()

    clock.shift(timedelta(minutes=5))
    make_post(title="Biete Sprachcafé in Kamenz", kind="offer", place="Kamenz")
    make_post(title="Suche Dolmetscher_in", kind="need", place="Bautzen")
    make_post(title="Biete Sofa in Görlitz", kind="offer", place="Görlitz")
    make_post(title="Biete Zimmer", kind="offer", place="Bautzen", status="pending")
    clock.shift(timedelta(minutes=5))
    assert send_alert_mails(now=timezone.now()) == 1
    assert send_alert_mails(now=timezone.now()) == 0  # nothing new: no second mail
    deliver_outbox()
    (digest,) = [m for m in smtp_server.messages_to(ADDRESS) if "Neu bei Suche/Biete" in m.subject]
    assert "Biete Sprachcafé in Kamenz" in digest.text
    for other in ("Fahrten nach Dresden", "Dolmetscher_in", "Sofa in Görlitz", "Zimmer"):
        assert other not in digest.text

    unsubscribe = next(p for p in digest.paths if "/abbestellen/" in p)
    assert digest.header("List-Unsubscribe").strip() == f"<{settings.SITE_URL}{unsubscribe}>"
    assert digest.header("List-Unsubscribe-Post").strip() == "List-Unsubscribe=One-Click"
    assert "Jetzt abbestellen" in client.get(unsubscribe).content.decode()
    assert Alert.objects.exists()
    # Mail clients' one-click POST (RFC 8058) carries no form token.
    client.handler.enforce_csrf_checks = True
    response = client.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "keine E-Mails mehr" in response.content.decode()
    assert not Alert.objects.exists()
    assert client.post(unsubscribe).status_code == 200  # a second click is harmless


def test_the_same_wish_twice_sends_the_confirmation_again_and_keeps_one_alert(client, smtp_server):  # noqa: F811
    subscribe(client)
    subscribe(client, email=ADDRESS.upper())
    assert Alert.objects.count() == 1
    deliver_outbox()
    assert len(smtp_server.messages_to(ADDRESS)) == 2


def test_expired_alert_confirmation_says_so_and_offers_a_new_one(client, smtp_server, clock):  # noqa: F811
    subscribe(client)
    deliver_outbox()
    path = next(p for p in smtp_server.messages_to(ADDRESS)[0].paths if "/bestaetigen/" in p)
    clock.shift(timedelta(hours=49))
    page = client.get(path).content.decode()
    assert "Der Bestätigungslink ist abgelaufen." in page and "Link anfordern" in page
    client.post("/suche-biete/link/", {"email": ADDRESS, "company": "", "started": guards.issue_token()})
    deliver_outbox()
    fresh = next(p for p in smtp_server.messages_to(ADDRESS)[-1].paths if "/bestaetigen/" in p)
    client.post(fresh)
    assert Alert.objects.get().confirmed_at is not None


def test_unconfirmed_alerts_are_deleted_on_schedule(clock):
    from privacy.retention import apply_retention

    make_alert(confirmed=False)
    kept = make_alert(email="bestaetigt@example.org")
    clock.shift(timedelta(days=8))
    apply_retention(now=timezone.now())
    assert list(Alert.objects.all()) == [kept]


def test_alert_form_errors_keep_the_choices(client):
    response = subscribe(client, email="kein-at", privacy_consent="")
    page = response.content.decode()
    assert response.status_code == 200 and not Alert.objects.exists()
    assert "name@beispiel.de" in page and "Datenschutzerklärung gelesen" in page
    assert 'value="bautzen" selected' in page
