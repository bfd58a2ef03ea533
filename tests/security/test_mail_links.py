"""Links in mails change nothing when they are opened: only the button on the page does.

Mail scanners, link previews and some webmail clients open every link in a mail with GET, often
before the person reads it. So a GET on any link in any mail must leave the database as it was;
confirming an address, accepting an offered place, cancelling and answering the survey happen
only when the person presses the page's button (a POST with the CSRF token).
"""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import timezone

from accounts import services as account_services
from accounts.testing import make_user
from events import services as event_services
from events.testing import make_event
from feedback import services as feedback
from feedback.models import Answer, Invitation
from mail.testing import deliver_outbox
from participants import services as participants
from registrations import services
from registrations.models import Booking, Registration, RegistrationSettings
from registrations.testing import make_participant
from registrations.tests.helpers import register
from relay.services import send_relay_message

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(https?://[^"]+)"')
# A visitor's session is their own browser state (the password-reset link keeps its token there,
# as Django's view does); it changes nothing about a registration, a place or an account.
NOT_STATE = {"django_session"}


def database_state():
    """Every row of every table we own or use, in a comparable form."""
    tables = set(connection.introspection.table_names())
    state = {}
    for model in apps.get_models():
        table = model._meta.db_table
        if table in tables and table not in NOT_STATE:
            state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def paths_in(mail, site_url):
    """Every link to our site in the text and the HTML part, as path + query."""
    links = set(mail.links) | set(HREF.findall(mail.html.replace("&amp;", "&")))
    return sorted(link.removeprefix(site_url) for link in links if link.startswith(site_url))


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action"), "fields": {}}
            self._form["buttons"] = []
            self.forms.append(self._form)
        elif self._form is not None and tag == "input" and attrs.get("type") == "hidden":
            self._form["fields"][attrs["name"]] = attrs.get("value", "")
        elif self._form is not None and tag == "button":
            self._form["buttons"].append("")

    def handle_data(self, data):
        if self._form is not None and self._form["buttons"]:
            self._form["buttons"][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def press(client, url, button, extra=None):
    """Open `url` and press the page's button labelled `button`, as a browser would (CSRF included)."""
    page = client.get(url)
    assert page.status_code == 200, f"{url} -> {page.status_code}"
    parser = _Forms()
    parser.feed(page.content.decode())
    matching = [f for f in parser.forms if any(button in b for b in f["buttons"])]
    assert matching, f"no button „{button}“ on {url}"
    (form,) = matching
    assert form["method"] == "post" and "csrfmiddlewaretoken" in form["fields"]
    return client.post(form["action"] or url, {**form["fields"], **(extra or {})}, follow=True)


@pytest.fixture
def mails(smtp_server, settings, django_capture_on_commit_callbacks):
    """Every mail that carries a link, through the real services and the real worker. The test's
    transaction never commits (the commit callbacks run at the end); the worker renders some mails
    itself (registrations' confirmation and "already registered"), so it runs once in between, before
    the address is confirmed, as it would seconds after the form was sent."""
    with django_capture_on_commit_callbacks(execute=True):
        _send_every_mail()
    deliver_outbox()
    return smtp_server.messages


def _send_every_mail():
    team = make_user("team")
    # Address confirmation; the same address again; confirmed and waiting.
    full = make_event(title="Volle Schulung", capacity=1, days_ahead=10)
    first = register(full, email="erste@example.org")
    register(full, email="erste@example.org")
    deliver_outbox()  # the worker renders these two as they are now, before the address is confirmed
    services.confirm_address(registration=first)
    services.confirm_address(registration=register(full, email="wartend@example.org"))
    services.send_due_reminders(now=timezone.now() + timedelta(days=4))
    # Moved up, but the address is not yet confirmed: the mail carries the confirmation link.
    moving = make_event(title="Nachrücken", capacity=1)
    leaving = register(moving, email="geht@example.org")
    register(moving, email="rueckt-nach@example.org")
    services.cancel_registration(registration=leaving)
    # A place offered for a while.
    offering = make_event(title="Angebotener Platz", capacity=1)
    RegistrationSettings.objects.create(event=offering, waiting_list_mode="offer", offer_hold_hours=24)
    services.confirm_address(registration=register(offering, email="hat-platz@example.org"))
    services.confirm_address(registration=register(offering, email="bekommt-angebot@example.org"))
    services.cancel_registration(registration=Registration.objects.get(email="hat-platz@example.org"))
    # Time changed; event cancelled; lost links; a place free after the deadline.
    services.notify_event_changed(event=full)
    cancelled = make_event(title="Abgesagt")
    services.confirm_address(registration=register(cancelled, email="abgesagt@example.org"))
    event_services.cancel_event(actor=None, event=cancelled)
    services.request_lost_links(email="erste@example.org", language="de")
    late = make_event(title="Nach Anmeldeschluss", capacity=1)
    keeps = register(late, email="spaet1@example.org")
    register(late, email="spaet2@example.org")
    late.registration_deadline = timezone.now() - timedelta(hours=1)
    late.save()
    services.cancel_registration(registration=keeps)
    # The feedback survey after an event.
    held = make_event(title="Vorbei", days_ahead=-1, hours=3)
    participants.check_in(actor=team, booking=make_participant(held, email="feedback@example.org"))
    feedback.invite(actor=team, event=held)
    # A relayed message and a password reset.
    send_relay_message(
        recipient_email="initiative@example.org", recipient_label="Treff", sender_name="Robin",
        sender_email="robin@example.net", share_address=False, message="Hallo", language="de",
    )  # fmt: skip
    Client().post("/konto/passwort-vergessen/", {"email": team.email})
    # An invitation to a new account (its link sets the first password) and a second factor reset.
    admin = make_user("admin")
    account_services.invite(actor=admin, email="eingeladen@example.org", role="team", language="de")
    account_services.reset_second_factor(actor=admin, user=team, expected_version=team.version)


EVERY_MAIL_WITH_A_LINK = [
    "Bitte bestätigen Sie Ihre Anmeldung",
    "Sie sind bereits angemeldet",
    "Ihr Platz ist bestätigt",
    "Sie stehen auf der Warteliste",
    "Erinnerung",
    "Sie sind nachgerückt",
    "Ein Platz für Sie",
    "Ihre Absage ist angekommen",
    "Geänderter Termin oder Ort",
    "Abgesagt",
    "Ihre Links zu Ihren Anmeldungen",
    "Platz frei nach Anmeldeschluss",
    "Ihr Feedback (anonym)",
    "Eine Nachricht an",
    "Neues Passwort",
    "Ihr Konto bei Support für Initiative",
    "Ihr zweiter Faktor wurde zurückgesetzt",
]


def test_opening_every_link_in_every_mail_changes_nothing(mails, settings):
    subjects = [m.subject for m in mails]
    assert [kind for kind in EVERY_MAIL_WITH_A_LINK if not any(kind in s for s in subjects)] == []
    links = sorted({path for mail in mails for path in paths_in(mail, settings.SITE_URL)})
    for kind in (
        "/anmeldung/bestaetigen/", "/feedback/", "/konto/passwort-neu/", "/konto/passwort-neu/einladung/",
        "/veranstaltungen/",
    ):  # fmt: skip
        assert any(kind in path for path in links), f"no {kind} link in {[m.subject for m in mails]}"
    before = database_state()
    for path in links:
        response = Client().get(path, follow=True)  # a scanner: no cookies, follows redirects
        assert response.status_code in {200, 404}, f"{path} -> {response.status_code}"
    assert database_state() == before
    assert not Booking.objects.filter(status=Booking.Status.CONFIRMED, registration__email="rueckt-nach@example.org")


def _mail_to(mails, address, subject_part):
    (mail,) = [m for m in mails if address in m.rcpt_tos and subject_part in m.subject]
    return mail


def _link(mail, part):
    return next(p for p in mail.paths if part in p)


@pytest.mark.parametrize(
    "address, subject",
    [
        ("erste@example.org", "Bitte bestätigen"),  # confirm_address (first mail)
        ("erste@example.org", "bereits angemeldet"),  # already_registered, before the address was confirmed
        ("rueckt-nach@example.org", "nachgerückt"),  # moved_up with a reserved place
    ],
)
def test_confirmation_links_show_a_button_and_only_the_button_confirms(mails, address, subject, smtp_server):
    path = _link(_mail_to(mails, address, subject), "/anmeldung/bestaetigen/")
    registration = Registration.objects.get(email=address, is_active=True)
    Registration.objects.filter(pk=registration.pk).update(email_confirmed_at=None)
    Booking.objects.filter(registration=registration, status="confirmed").update(status="held", confirmed_at=None)
    sent = len(smtp_server.messages)
    before = database_state()

    page = Client().get(path)
    assert page.status_code == 200 and "Anmeldung bestätigen" in page.content.decode()
    assert database_state() == before

    browser = Client(enforce_csrf_checks=True)
    assert browser.post(path).status_code == 403  # no CSRF token: nothing happens
    assert database_state() == before
    done = press(browser, path, "Anmeldung bestätigen")
    assert "Ihre E-Mail-Adresse ist bestätigt" in done.content.decode()
    registration.refresh_from_db()
    assert registration.email_confirmed_at is not None
    assert not registration.bookings.filter(status="held").exists()
    # A double submit (or the same form sent again later) changes nothing and sends nothing more.
    again = browser.post(path, {"csrfmiddlewaretoken": browser.cookies["csrftoken"].value}, follow=True)
    assert "Ihre E-Mail-Adresse ist bereits bestätigt" in again.content.decode()
    deliver_outbox()
    assert len(smtp_server.messages) - sent == 1


def test_an_offered_place_is_taken_only_by_the_button(mails):
    mail = _mail_to(mails, "bekommt-angebot@example.org", "Ein Platz für Sie")
    booking = Booking.objects.get(registration__email="bekommt-angebot@example.org")
    assert booking.status == "offered"
    before = database_state()
    for path in mail.paths:
        Client().get(path, follow=True)
    assert database_state() == before
    press(Client(enforce_csrf_checks=True), _link(mail, "/anmeldung/"), "Platz annehmen")
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_cancelling_needs_the_button(mails):
    mail = _mail_to(mails, "wartend@example.org", "Warteliste")
    personal = next(p for p in mail.paths if p.startswith("/anmeldung/") and "bestaetigen" not in p)
    before = database_state()
    Client().get(personal + "absagen/")
    assert database_state() == before
    press(Client(enforce_csrf_checks=True), personal + "absagen/", "Ja, Anmeldung absagen")
    assert not Registration.objects.get(email="wartend@example.org").is_active


def test_the_survey_link_stays_unused_until_the_answer_is_sent(mails):
    (invitation,) = [m for m in mails if "feedback@example.org" in m.rcpt_tos and "/feedback/" in m.text]
    path = _link(invitation, "/feedback/")
    before = database_state()
    Client().get(path)
    assert database_state() == before
    done = press(Client(enforce_csrf_checks=True), path, "Feedback abschicken", {"overall": "4", "usefulness": "5"})
    assert "Danke" in done.content.decode()
    assert Answer.objects.count() == 1 and Invitation.objects.get().used


@pytest.mark.parametrize("kind", ["tampered", "expired", "lapsed", "used"])
def test_a_confirmation_link_that_cannot_confirm_says_why_on_get_and_post(kind, settings):
    from registrations.tokens import confirm_token

    event = make_event(capacity=5)
    registration = register(event)
    token = confirm_token(registration)
    if kind == "tampered":
        token = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    elif kind == "expired":
        settings.REGISTRATION_CONFIRM_HOURS = -1
    elif kind == "lapsed":
        services.cancel_registration(registration=registration)
    elif kind == "used":
        services.confirm_address(registration=registration)
    path = f"/anmeldung/bestaetigen/{token}/"
    expected = {
        "tampered": "nicht gültig",
        "expired": "abgelaufen",
        "lapsed": "gilt nicht mehr",
        "used": "bereits bestätigt",
    }[kind]
    before = database_state()
    browser = Client()
    for response in (browser.get(path), browser.post(path, follow=True)):
        page = response.content.decode()
        assert expected in page
        if kind != "used":  # a used link still belongs to the person: it leads on to their page
            assert registration.name not in page and registration.email not in page
    assert database_state() == before


def test_the_confirmation_page_is_in_english_for_english_links(smtp_server):
    registration = register(make_event(), language="en", email="english@example.org")
    assert registration is not None
    deliver_outbox()
    (mail,) = smtp_server.messages_to("english@example.org")
    page = Client().get(_link(mail, "/bestaetigen/")).content.decode()
    assert "Confirm registration" in page
