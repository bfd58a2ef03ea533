"""Sign-up with double opt-in, the personal link, one-click unsubscribe (RFC 8058), retention."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import guards
from events.models import Topic
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, run_jobs
from newsletter import services
from newsletter.models import Delivery, Subscriber, Suppression
from newsletter.testing import district, make_issue, make_subscriber
from privacy.queries import current_notice

pytestmark = pytest.mark.django_db


def signup_data(**overrides):
    data = {
        "email": "helga@example.org",
        "districts": [district("Görlitz").pk],
        "company": "",
        "started": guards.issue_token(),
        "privacy_consent": "on",
        "privacy_notice_version": current_notice().version,
    }
    data.update(overrides)
    return data


def test_double_opt_in_only_after_the_button(client, smtp_server):
    topic = Topic.objects.create(name="Asylrecht", slug="asylrecht")
    response = client.post("/newsletter/anmelden/", signup_data(topics=[topic.pk]))
    assert response.status_code == 302 and response["Location"] == "/newsletter/anmelden/danke/"
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.privacy_notice_version == current_notice().version
    assert [d.name for d in subscriber.districts.all()] == [district("Görlitz").name]
    assert list(subscriber.topics.all()) == [topic]
    deliver_outbox()
    (mail,) = smtp_server.messages_to("helga@example.org")
    assert "bestätigen" in mail.subject
    confirm_path = next(p for p in mail.paths if "/bestaetigen/" in p)
    assert "helga" not in confirm_path

    page = client.get(confirm_path)  # a mail scanner's GET confirms nothing
    assert page.status_code == 200 and "Newsletter bestätigen" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING

    response = client.post(confirm_path)
    assert response.status_code == 302 and "/newsletter/abo/" in response["Location"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.ACTIVE and subscriber.confirmed_at
    client.post(confirm_path)  # twice: no second welcome mail
    deliver_outbox()
    assert len(smtp_server.messages_to("helga@example.org")) == 2
    assert "bereits bestätigt" in client.get(confirm_path).content.decode()


def test_expired_or_broken_confirmation_link_says_so_and_offers_a_new_one(client, clock, smtp_server, settings):
    client.post("/newsletter/anmelden/", signup_data())
    deliver_outbox()
    (mail,) = smtp_server.messages
    path = next(p for p in mail.paths if "/bestaetigen/" in p)
    clock.shift(timedelta(hours=settings.NEWSLETTER_CONFIRM_HOURS + 1))
    page = client.get(path)
    assert page.status_code == 410
    assert "abgelaufen" in page.content.decode() and "/newsletter/anmelden/" in page.content.decode()
    assert client.get("/newsletter/bestaetigen/kaputt/").status_code == 404


def test_the_form_keeps_what_was_typed_and_says_what_to_fix(client):
    response = client.post("/newsletter/anmelden/", signup_data(email="helga(at)example", privacy_consent=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "name@beispiel.de" in html and "Datenschutzerklärung gelesen" in html
    assert 'value="helga(at)example"' in html
    assert not Subscriber.objects.exists()


def test_signing_up_again_while_active_sends_the_personal_link(client, smtp_server):
    make_subscriber("helga@example.org")
    client.post("/newsletter/anmelden/", signup_data())
    deliver_outbox()
    (mail,) = smtp_server.messages
    assert "bereits" in mail.subject and any("/newsletter/abo/" in p for p in mail.paths)
    assert Subscriber.objects.count() == 1


def test_personal_link_changes_interests(client):
    subscriber = make_subscriber("helga@example.org", districts=[district("Görlitz")])
    path = f"/newsletter/abo/{services.personal_token_of(subscriber)}/"
    bautzen = district("Bautzen")
    response = client.post(path, {"districts": [bautzen.pk]})
    assert response.status_code == 200 and "gespeichert" in response.content.decode()
    assert list(subscriber.districts.all()) == [bautzen]
    assert client.get("/newsletter/abo/nicht-echt/").status_code == 404


def test_issue_mail_has_rfc8058_headers_and_the_one_click_post_unsubscribes(client, smtp_server, team):
    issue = make_issue()
    subscriber = make_subscriber("helga@example.org")
    services.start_sending(issue=issue, districts=[], topics=[], by=team)
    run_jobs()
    services.resume_sendings()
    deliver_outbox()
    (mail,) = smtp_server.messages
    unsubscribe = mail.header("List-Unsubscribe").strip()
    assert mail.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click"
    assert unsubscribe.startswith("<https://") or unsubscribe.startswith("<http://")
    url = unsubscribe.strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert "helga" not in url

    # What a mail client does (RFC 8058 §3.2): a POST with this body, no cookies, no CSRF token.
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.email == "" and subscriber.unsubscribed_at
    assert not OutboxMessage.objects.filter(to="helga@example.org").exists()
    assert not Suppression.objects.exists()
    # Counts survive: the subscription and its delivery stay, without the address.
    assert Delivery.objects.filter(subscriber=subscriber).count() == 1
    # The link again: it says the person is unsubscribed.
    assert "abgemeldet" in client.get(f"/{path}").content.decode()


def test_never_again_keeps_only_a_keyed_hash(client, smtp_server):
    subscriber = make_subscriber("helga@example.org")
    response = client.post(f"/newsletter/abmelden/{services.personal_token_of(subscriber)}/", {"never_again": "on"})
    assert response.status_code == 200
    (suppression,) = Suppression.objects.all()
    assert "helga" not in suppression.address_hash and len(suppression.address_hash) == 64
    client.post("/newsletter/anmelden/", signup_data(email="Helga@example.org "))
    deliver_outbox()
    assert not smtp_server.messages
    assert Subscriber.objects.count() == 1


def test_retention_deletes_unconfirmed_sign_ups(client, clock, settings):
    make_subscriber("old@example.org", status=Subscriber.Status.PENDING)
    clock.shift(timedelta(days=settings.PRIVACY_RETENTION["newsletter_unconfirmed_days"] + 1))
    make_subscriber("new@example.org", status=Subscriber.Status.PENDING)
    result = services.delete_unconfirmed(now=timezone.now())
    assert result == {"newsletter_unconfirmed_deleted": 1}
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["new@example.org"]


def test_a_newsletter_tick_on_a_registration_form_starts_a_double_opt_in(smtp_server):
    from events.testing import make_event
    from registrations.testing import make_participant

    make_participant(make_event(), email="kim@example.org", newsletter_consent=True)
    make_participant(make_event(), email="ohne@example.org")
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "kim@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == Subscriber.Source.REGISTRATION
    deliver_outbox()
    subjects = [m.subject for m in smtp_server.messages_to("kim@example.org")]
    assert any("Anmeldung zum Newsletter" in s for s in subjects)


def test_a_privacy_erasure_of_the_address_ends_the_subscription():
    from privacy.rights import erase_person

    subscriber = make_subscriber("helga@example.org")
    erase_person(email="Helga@example.org")
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED and subscriber.email == ""
