"""A post's whole life: post → confirm → review → public → reply through the relay (real SMTP) →
renew → expire → anonymise; and the bad input the issue names."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Entry
from board import tokens
from board.models import Post, TrustedInitiative
from board.services import send_renewal_reminders
from core import guards
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, smtp_server  # noqa: F401  (pytest fixture)
from network.testing import make_initiative
from privacy.retention import apply_retention

pytestmark = pytest.mark.django_db

POSTER = "koordination@willkommen-bautzen.example.org"


def post_data(**overrides):
    data = {
        "kind": "need",
        "category": "interpreting",
        "title": "Dolmetscher_innen Arabisch gesucht",
        "text": "Für Termine im Landratsamt suchen wir Menschen, die Arabisch und Deutsch sprechen.",
        "place": "Bautzen",
        "poster": "initiative",
        "initiative_name": "Willkommen in Bautzen",
        "organisation": "",
        "first_name": "",
        "valid_until": (timezone.localdate() + timedelta(weeks=8)).isoformat(),
        "email": POSTER,
        "privacy_consent": "on",
        "company": "",
        "started": guards.issue_token(),
    }
    data.update(overrides)
    return data


def reply(**overrides):
    data = {
        "sender_name": "Rana",
        "sender_email": "rana.privat@example.net",
        "message": "Ich spreche Arabisch und habe dienstags Zeit.",
        "company": "",
        "started": guards.issue_token(),
    }
    data.update(overrides)
    return data


@pytest.fixture
def initiative():
    return make_initiative(name="Willkommen in Bautzen", place="Bautzen", contact_email=POSTER)


def confirm_link(smtp_server):  # noqa: F811
    deliver_outbox()
    mail = smtp_server.messages_to(POSTER)[-1]
    assert "Bitte bestätigen" in mail.subject
    return next(p for p in mail.paths if "/bestaetigen/" in p)


def test_post_confirm_review_public_reply_renew_expire_anonymise(
    client,
    initiative,
    team,
    login_as,
    smtp_server,  # noqa: F811
    clock,
):
    response = client.post("/suche-biete/eintragen/", post_data())
    assert response.status_code == 302 and response["Location"] == "/suche-biete/eintragen/gesendet/"
    post = Post.objects.get()
    assert post.status == "unconfirmed" and post.initiative == initiative
    assert client.get(post.get_absolute_url()).status_code == 404  # not public yet

    path = confirm_link(smtp_server)
    page = client.get(path).content.decode()
    assert "Ja, Beitrag bestätigen" in page
    Post.objects.get(status="unconfirmed")  # a GET (mail scanner) confirms nothing
    response = client.post(path)
    post.refresh_from_db()
    assert post.status == "pending" and response["Location"].startswith("/suche-biete/mein-beitrag/")
    personal = response["Location"]
    assert "Das Projektteam prüft" in client.get(personal).content.decode()
    # The used confirmation link says so and offers a new one.
    again = client.get(path).content.decode()
    assert "Dieser Link wurde schon benutzt" in again and "Neuen Link anfordern" in again
    assert client.get("/suche-biete/").content.decode().count("Dolmetscher_innen Arabisch gesucht") == 0

    login_as(team)
    queue = client.get("/team/suche-biete/").content.decode()
    assert "Dolmetscher_innen Arabisch gesucht" in queue and POSTER in queue
    response = client.post(f"/team/suche-biete/{post.pk}/", {"action": "approve", "version": post.version})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.status == "published" and post.reviewed_by == team
    assert Entry.objects.filter(action="board.post_approved", target_id=str(post.pk)).exists()
    client.logout()

    page = client.get(post.get_absolute_url()).content.decode()
    assert "Dolmetscher_innen Arabisch gesucht" in page and "Willkommen in Bautzen" in page
    assert POSTER not in page
    assert "Dolmetscher_innen Arabisch gesucht" in client.get("/suche-biete/?ort=Bautzen&umkreis=10").content.decode()
    assert "Dolmetscher_innen" in client.get("/suche-biete/feed.atom").content.decode()

    response = client.post(post.get_absolute_url(), reply())
    assert response["Location"] == f"/suche-biete/{post.pk}/nachricht-gesendet/"
    deliver_outbox()
    (approved,) = [m for m in smtp_server.messages_to(POSTER) if "freigegeben" in m.subject]
    (message,) = [m for m in smtp_server.messages_to(POSTER) if "dienstags Zeit" in m.text]
    assert b"rana.privat@example.net" not in message.raw
    assert OutboxMessage.objects.filter(text__contains="dienstags Zeit").count() == 0  # body erased after sending

    # A week before it expires, the poster is reminded once, and renews.
    clock.shift(timedelta(weeks=7, days=1))
    assert send_renewal_reminders(now=timezone.now()) == 1
    assert send_renewal_reminders(now=timezone.now()) == 0
    deliver_outbox()
    (reminder,) = [m for m in smtp_server.messages_to(POSTER) if "läuft bald ab" in m.subject]
    renew_path = next(p for p in reminder.paths if "/mein-beitrag/" in p)
    assert renew_path == personal
    client.post(personal + "verlaengern/")
    post.refresh_from_db()
    assert post.valid_until > timezone.now() + timedelta(weeks=7) and post.renewal_sent_at is None

    # Expired: gone from the list, the page, the feed and the sitemap.
    clock.shift(timedelta(weeks=8, days=1))
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "Dolmetscher_innen" not in client.get("/suche-biete/").content.decode()
    assert "Dolmetscher_innen" not in client.get("/suche-biete/feed.atom").content.decode()
    assert f"/suche-biete/{post.pk}/" not in client.get("/sitemap.xml").content.decode()
    assert "Abgelaufen" in client.get(personal).content.decode()

    # Anonymised on schedule: personal data and mails go, the facts stay.
    clock.shift(timedelta(days=91))
    apply_retention(now=timezone.now())
    post.refresh_from_db()
    assert post.anonymised_at is not None and post.title == "" and POSTER not in post.email
    assert post.municipality.name == "Bautzen" and post.category == "interpreting"
    assert not OutboxMessage.objects.filter(belongs_to=post.outbox_key).exists()
    assert client.get(personal).status_code == 404


def test_a_trusted_initiative_skips_review_from_its_own_address(client, initiative, smtp_server):  # noqa: F811
    TrustedInitiative.objects.create(initiative=initiative)
    client.post("/suche-biete/eintragen/", post_data())
    client.post(confirm_link(smtp_server))
    assert Post.objects.get().status == "published"

    # From another address, the same initiative's name does not skip review.
    client.post("/suche-biete/eintragen/", post_data(email="jemand@example.net", title="Fahrer_innen gesucht"))
    post = Post.objects.get(title="Fahrer_innen gesucht")
    Post.objects.filter(pk=post.pk).update(status="unconfirmed")
    client.post(f"/suche-biete/bestaetigen/{tokens.confirm_token(post)}/")
    post.refresh_from_db()
    assert post.status == "pending"


@pytest.mark.parametrize(
    "text",
    ["Ruft an: 0351 / 123 45 67", "Schreibt an info@beispiel.de", "Mail: info (at) beispiel.de", "+49 171 2345678"],
)
def test_phone_or_email_in_the_public_text_is_flagged_for_review(client, initiative, smtp_server, text):  # noqa: F811
    TrustedInitiative.objects.create(initiative=initiative)
    client.post("/suche-biete/eintragen/", post_data(text=text))
    post = Post.objects.get()
    assert post.needs_review_for_contact_data
    client.post(confirm_link(smtp_server))
    post.refresh_from_db()
    assert post.status == "pending"  # even a trusted initiative waits for the team


def test_expired_confirmation_link_says_so_and_offers_a_new_one(client, initiative, smtp_server, clock):  # noqa: F811
    client.post("/suche-biete/eintragen/", post_data())
    path = confirm_link(smtp_server)
    clock.shift(timedelta(hours=49))
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 404 and "Der Bestätigungslink ist abgelaufen." in page
    assert "Link anfordern" in page
    response = client.post("/suche-biete/link/", {"email": POSTER, "company": "", "started": guards.issue_token()})
    assert response["Location"] == "/suche-biete/link/gesendet/"
    fresh = confirm_link(smtp_server)
    assert fresh != path
    client.post(fresh)
    assert Post.objects.get().status == "pending"


def test_a_post_form_with_mistakes_keeps_what_was_typed(client, initiative):
    response = client.post(
        "/suche-biete/eintragen/",
        post_data(place="Bautzn", initiative_name="Gibt es nicht", email="kein-at", valid_until="2020-01-01"),
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Post.objects.exists()
    assert "Meinten Sie: Bautzen?" in page
    assert "Wir finden keine Initiative „Gibt es nicht“" in page
    assert "Bitte wählen Sie ein Datum nach dem heutigen Tag." in page
    assert "Für Termine im Landratsamt" in page


def test_a_double_submit_creates_one_post(client, initiative, smtp_server):  # noqa: F811
    data = post_data()
    client.post("/suche-biete/eintragen/", data)
    client.post("/suche-biete/eintragen/", data)
    assert Post.objects.count() == 1


def test_poster_edits_marks_done_and_deletes(client, initiative, team, login_as, smtp_server):  # noqa: F811
    from board.testing import make_post

    post = make_post(title="Fahrrad zu verschenken", kind="offer", category="donations", email="sam@example.org")
    token = tokens.personal_token(post)
    base = f"/suche-biete/mein-beitrag/{token}/"
    response = client.post(
        base + "aendern/",
        {
            "kind": "offer",
            "category": "donations",
            "title": "Zwei Fahrräder zu verschenken",
            "text": "Gut erhalten.",
            "place": "Görlitz",
            "poster": "private",
            "first_name": "Sam",
        },
    )
    assert response["Location"] == base
    post.refresh_from_db()
    assert post.title == "Zwei Fahrräder zu verschenken" and post.status == "pending"  # the team sees the change first
    assert post.municipality.name == "Görlitz"
    Post.objects.filter(pk=post.pk).update(status="published")
    client.post(base + "erledigt/")
    post.refresh_from_db()
    assert post.status == "done" and client.get(post.get_absolute_url()).status_code == 404
    assert "Fahrräder" in client.get(base + "loeschen/").content.decode()
    assert client.post(base + "loeschen/")["Location"] == "/suche-biete/geloescht/"
    post.refresh_from_db()
    assert post.anonymised_at is not None and post.email.endswith("@anonymised.invalid") and post.title == ""
    assert client.get(base).status_code == 404


def test_report_goes_to_the_team_who_take_the_post_down_with_a_reason(client, team, login_as, smtp_server):  # noqa: F811
    from board.testing import make_post

    post = make_post(title="Verdächtiges Angebot", email="x@example.org")
    response = client.post(
        f"/suche-biete/{post.pk}/melden/",
        {"reason": "spam", "note": "Werbung", "company": "", "started": guards.issue_token()},
    )
    assert response["Location"] == post.get_absolute_url()
    login_as(team)
    assert "Verdächtiges Angebot" in client.get("/team/suche-biete/?liste=reported").content.decode()
    response = client.post(f"/team/suche-biete/{post.pk}/", {"action": "reject", "version": post.version, "reason": ""})
    assert response.status_code == 400 and "Bitte schreiben Sie eine Begründung" in response.content.decode()
    client.post(
        f"/team/suche-biete/{post.pk}/",
        {"action": "reject", "version": post.version, "reason": "Werbung ist hier fehl am Platz."},
    )
    post.refresh_from_db()
    assert post.status == "rejected" and not post.reports.filter(handled_at__isnull=True).exists()
    deliver_outbox()
    (mail,) = smtp_server.messages_to("x@example.org")
    assert "Werbung ist hier fehl am Platz." in mail.text


def test_a_stale_review_is_refused(client, team, admin, login_as):
    from board.testing import make_post

    post = make_post(status="pending")
    login_as(team)
    client.post(f"/team/suche-biete/{post.pk}/", {"action": "approve", "version": post.version})
    post.refresh_from_db()
    assert post.status == "published"
    response = client.post(
        f"/team/suche-biete/{post.pk}/",
        {"action": "reject", "version": post.version - 1, "reason": "zu spät"},
        follow=True,
    )
    assert "Jemand anderes hat diesen Beitrag inzwischen bearbeitet" in response.content.decode()
    post.refresh_from_db()
    assert post.status == "published"
