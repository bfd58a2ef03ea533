"""No personal data in logs: the main flows run with every logger at DEBUG, and no record
mentions the planted e-mail address, phone number or name (message, arguments or traceback)."""

import logging
import re

import pytest
from django.conf import settings as django_settings
from django.test import Client

from accounts.testing import TEST_PASSWORD, login_with_second_factor, make_user
from events.testing import make_event
from mail.testing import deliver_outbox
from network.testing import make_initiative
from registrations.models import Booking, Registration
from registrations.tests.conftest import hidden_fields

pytestmark = pytest.mark.django_db

PERSON = {"name": "Wiebke Protokollfrei", "email": "wiebke.protokollfrei@example.org", "phone": "0341 8765 4321"}
# aiosmtpd's logger: the test's receiving SMTP server, which stands in for the outside world.
NOT_OURS = {"mail.log"}
PLANTED = [PERSON["email"], PERSON["phone"], PERSON["name"], "Protokollfrei", "wiebke"]


class Everything(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.texts = []

    def emit(self, record):
        if record.name in NOT_OURS:
            return
        parts = [record.getMessage(), repr(record.args)]
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        parts.append(repr({k: v for k, v in vars(record).items() if k not in {"msg", "args", "exc_info"}}))
        self.texts.append((record.name, " ".join(parts)))


@pytest.fixture
def all_logs():
    """Root logger at DEBUG, as with LOG_LEVEL=DEBUG; loggers that settings.LOGGING pins to a
    higher level on purpose (SQL parameters, template contexts) keep that level: it is a control."""
    handler = Everything()
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)


def test_settings_keep_loggers_that_would_leak_context_above_debug():
    for name in ("django.db.backends", "django.template"):
        assert django_settings.LOGGING["loggers"][name]["level"] in {"INFO", "WARNING", "ERROR"}
        assert logging.getLogger(name).getEffectiveLevel() > logging.DEBUG


def run_main_flows(smtp_server, settings):
    event = make_event(title="Schulung für das Protokoll", capacity=1, days_ahead=20)
    visitor = Client()
    # 1. register (the only place), confirm by the link in the real mail, open the personal page
    hidden = hidden_fields(visitor.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode())
    form = {**PERSON, "role": "volunteer", "municipality": "Pirna", "organisation": "Initiative Protokollfrei"}
    form.update(privacy_consent="on", **hidden)
    assert visitor.post(f"/veranstaltungen/{event.slug}/anmelden/", form).status_code == 302
    deliver_outbox()
    (mail,) = smtp_server.messages_to(PERSON["email"])
    confirm = next(path for path in mail.paths if "/bestaetigen/" in path)
    visitor.get(confirm)  # the page with the button
    personal = visitor.post(confirm, follow=True)
    assert PERSON["name"] in personal.content.decode()
    personal_path = personal.redirect_chain[-1][0] if personal.redirect_chain else confirm
    # 2. a second person waits; double submit; a lost-link request; a wrong path with the address in it
    hidden = hidden_fields(visitor.get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode())
    second = {**form, **hidden, "email": "zweite.person@example.org", "name": "Zweite Person"}
    visitor.post(f"/veranstaltungen/{event.slug}/anmelden/", second)
    visitor.post(f"/veranstaltungen/{event.slug}/anmelden/", second)
    visitor.post("/anmeldung/link/", {"email": PERSON["email"]})
    # 3. self-service: data page, JSON, erase (the waiting person moves up)
    token = re.search(r"/anmeldung/([^/]+)/", personal_path).group(1)
    visitor.get(f"/datenschutz/meine-daten/{token}/")
    visitor.get(f"/datenschutz/meine-daten/{token}/daten.json")
    # 4. staff: failed and good logins, lookup of the address, contact relay form
    staff = make_user("team", email="team.protokoll@example.org")
    Client().post("/konto/anmelden/", {"username": PERSON["email"], "password": "falsch-falsch-falsch"})
    Client().post("/konto/anmelden/", {"username": staff.email, "password": TEST_PASSWORD})
    team = Client()
    login_with_second_factor(team, staff)
    team.post("/team/datenschutz/anfragen/", {"email": PERSON["email"]})
    initiative = make_initiative()
    relay = {"sender_name": PERSON["name"], "sender_email": PERSON["email"], "message": f"Ruf an: {PERSON['phone']}"}
    started = re.search(
        r'name="started" value="([^"]+)"', visitor.get(f"/initiativen/{initiative.slug}/").content.decode()
    )
    sent = visitor.post(
        f"/initiativen/{initiative.slug}/", {**relay, "started": started.group(1), "privacy_consent": "on"}
    )
    erased = visitor.post(f"/datenschutz/meine-daten/{token}/loeschen/")
    deliver_outbox()
    # The flows really ran: relay sent, erasure done, the waiting person moved up and was mailed.
    assert sent.status_code == 302 and erased.status_code == 302
    assert smtp_server.messages_to(initiative.contact_email)
    assert not Registration.objects.filter(email=PERSON["email"]).exists()
    assert Booking.objects.get(registration__email="zweite.person@example.org").has_place
    return personal_path


def test_main_flows_log_no_personal_data(all_logs, smtp_server, settings):
    run_main_flows(smtp_server, settings)
    assert len(all_logs.texts) > 5  # the flows did log something, just nothing personal
    leaks = [(name, text[:200]) for name, text in all_logs.texts for value in PLANTED if value.lower() in text.lower()]
    assert leaks == [], [t for n, t in all_logs.texts if any(v.lower() in t.lower() for v in PLANTED)][0][-1500:]


def test_every_route_with_a_personal_token_is_masked_in_the_log():
    """A new route whose path carries a token must join core.logging's list (and the nginx map)."""
    from core.logging import redact
    from tests.test_deploy_config import TOKEN, personal_link_paths

    leaking = [path for path in personal_link_paths() if TOKEN in redact(path)]
    assert leaking == []
