"""The guard on every public form (core.guards) stops replayed forms, never a person.

People autofill forms and send them within a second; a bot that fetched one form and sends it
again and again must get through once at most. Each test runs on the three guarded forms:
registration, the contact relay and the initiative proposal, through the real views.
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import signing
from django.db import transaction
from django.test import Client
from django.utils import timezone

from core import guards
from core.models import UsedFormToken
from events.testing import make_event
from mail.models import OutboxMessage
from network.models import Initiative
from network.testing import make_initiative
from registrations.models import Registration

pytestmark = pytest.mark.django_db

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
TOO_FAST = "Das ging sehr schnell"
STALE = "Das Formular war zu lange geöffnet"
USED = "Dieses Formular wurde schon gesendet"


class Registering:
    name = "registration"

    def __init__(self):
        self.event = make_event(title="Schulung Freital", capacity=10)
        self.url = f"/veranstaltungen/{self.event.slug}/anmelden/"

    def data(self, n=1):
        return {
            "name": f"Erika Beispiel {n}",
            "email": f"erika{n}@example.org",
            "role": "volunteer",
            "municipality": "Pirna",
            "privacy_consent": "on",
        }

    def done(self):
        return Registration.objects.count()

    def kept(self, n):
        return f'value="erika{n}@example.org"'

    field_error = "Bitte geben Sie Ihren Namen an."


class Contacting:
    name = "relay"

    def __init__(self):
        self.initiative = make_initiative(name="Deutsch-Treff Pirna", contact_email="treff@example.org")
        self.url = self.initiative.get_absolute_url()

    def data(self, n=1):
        return {"sender_name": f"Robin {n}", "sender_email": f"robin{n}@example.net", "message": f"Hallo Nr. {n}"}

    def done(self):
        return OutboxMessage.objects.count()

    def kept(self, n):
        return f"Hallo Nr. {n}"

    field_error = "Bitte schreiben Sie eine Nachricht."


class Proposing:
    name = "proposal"
    url = "/initiativen/vorschlagen/"

    def data(self, n=1):
        return {
            "name": f"Willkommenscafé Freital {n}",
            "kind": "welcome",
            "place": "Freital",
            "focus": "Sprachcafé",
            "description": "Wir sind Nachbar_innen.",
            "how_to_join": "Kommen Sie dienstags vorbei.",
            "contact_email": f"cafe{n}@example.org",
            "privacy_consent": "on",
        }

    def done(self):
        return Initiative.objects.count()

    def kept(self, n):
        return f'value="Willkommenscafé Freital {n}"'

    field_error = "Bitte"


FORMS = [Registering, Contacting, Proposing]


def hidden(page):
    """The hidden fields a browser sends back (the test client needs no CSRF token)."""
    html = page if isinstance(page, str) else page.content.decode()
    fields = {**dict(HIDDEN.findall(html)), "company": ""}  # the honeypot, sent empty by browsers
    fields.pop("csrfmiddlewaretoken", None)
    return fields


@pytest.fixture(params=FORMS, ids=lambda kind: kind.name)
def form(request):
    return request.param()


def test_a_person_who_autofills_and_sends_at_once_gets_through(form):
    client = Client()
    response = client.post(form.url, {**form.data(), **hidden(client.get(form.url))})  # no pause at all
    assert response.status_code == 302, [m for m in (TOO_FAST, STALE) if m in response.content.decode()]
    assert form.done() == 1


def day_old_token():
    """A genuine token, signed more than a day ago (TimestampSigner's own format)."""
    shown_at = signing.b62_encode(int(time.time()) - guards.MAX_FORM_AGE_SECONDS - 60)
    return signing.Signer(salt=guards._SALT).sign(f"nonce-from-yesterday:{shown_at}")


@pytest.mark.parametrize("token", ["as shown", "forged", "missing", "a day old"])
def test_a_form_with_field_errors_shows_only_the_field_errors(form, token):
    client = Client()
    fields = hidden(client.get(form.url))
    if token == "forged":
        fields["started"] = "12345"
    elif token == "missing":
        fields.pop("started")
    elif token == "a day old":
        fields["started"] = day_old_token()
    page = client.post(form.url, fields).content.decode()
    assert form.field_error in page
    assert TOO_FAST not in page and STALE not in page and USED not in page
    assert form.done() == 0
    # The form shown again carries a fresh token, so the person just fills in and sends.
    again = client.post(form.url, {**form.data(), **hidden(page)})
    assert again.status_code == 302 and form.done() == 1


def test_a_form_open_for_more_than_a_day_asks_to_send_again_and_keeps_what_was_typed(form):
    client = Client()
    page = client.post(form.url, {**form.data(), **hidden(client.get(form.url)), "started": day_old_token()})
    assert STALE in page.content.decode() and form.kept(1) in page.content.decode()
    assert form.done() == 0
    assert client.post(form.url, {**form.data(), **hidden(page)}).status_code == 302
    assert form.done() == 1


def test_a_form_token_works_once(form):
    client = Client()
    shown = hidden(client.get(form.url))
    assert client.post(form.url, {**form.data(1), **shown}).status_code == 302
    # A bot sends the same form again with other content (and, for registrations, a new key).
    replay = {**form.data(2), **shown, "submission_key": "x" * 32}
    page = client.post(form.url, replay).content.decode()
    assert form.done() == 1
    assert USED in page and form.kept(2) in page
    # A person who gets this answer sends the page as it is and gets through.
    fresh = hidden(page)
    assert fresh["started"] != shown["started"]
    assert client.post(form.url, {**form.data(2), **fresh}).status_code == 302
    assert form.done() == 2


def test_an_identical_resend_does_one_thing_and_answers_like_the_first(form):
    client = Client()
    data = {**form.data(), **hidden(client.get(form.url))}
    first, second = client.post(form.url, data), client.post(form.url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert form.done() == 1


def test_a_token_another_process_used_meanwhile_is_refused():
    """Two app servers validate the same token at once: the database decides who uses it."""
    from relay.forms import RelayContactForm

    contact = Contacting()
    shown = hidden(Client().get(contact.url))
    mine = RelayContactForm({**contact.data(1), **shown})
    theirs = RelayContactForm({**contact.data(2), **shown})
    resent = RelayContactForm({**contact.data(2), **shown})
    assert mine.is_valid() and theirs.is_valid() and resent.is_valid()
    with transaction.atomic():
        assert theirs.use_token() is True
    with transaction.atomic():
        assert resent.use_token() is False  # the very same submission again: answer, do nothing
    with pytest.raises(guards.FormTokenUsed), transaction.atomic():
        mine.use_token()


def test_a_first_use_is_recorded_with_one_statement_and_no_savepoint():
    """Every public form records its token in its action's transaction (a registration's waits for the
    event lock), so the use is one `INSERT … ON CONFLICT DO NOTHING`, not a savepoint around an insert."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from relay.forms import RelayContactForm

    contact = Contacting()
    form = RelayContactForm({**contact.data(1), **hidden(Client().get(contact.url))})
    assert form.is_valid()
    with transaction.atomic(), CaptureQueriesContext(connection) as ctx:
        assert form.use_token() is True
    (statement,) = [query["sql"] for query in ctx.captured_queries]
    assert statement.startswith('INSERT INTO "core_usedformtoken"') and "ON CONFLICT" in statement
    assert UsedFormToken.objects.count() == 1


def test_used_tokens_are_forgotten_once_they_could_no_longer_be_sent():
    now = timezone.now()
    old = UsedFormToken.objects.create(
        nonce="old", digest="x", used_at=now - timedelta(seconds=guards.MAX_FORM_AGE_SECONDS + 3600)
    )
    recent = UsedFormToken.objects.create(nonce="recent", digest="x", used_at=now - timedelta(hours=1))
    assert guards.prune_used_tokens(now=now) == 1
    assert list(UsedFormToken.objects.values_list("nonce", flat=True)) == [recent.nonce]
    assert not UsedFormToken.objects.filter(nonce=old.nonce).exists()


# --- The same flow for every form (core.public_forms) ------------------------------------------

IP_RATE = {
    "registration": "REGISTRATION_RATE_PER_IP",
    "relay": "RELAY_RATE_PER_IP",
    "proposal": "NETWORK_PROPOSAL_RATE",
}
LIMITED = {
    "registration": "Von Ihrem Anschluss kamen gerade sehr viele Anmeldungen",
    "relay": "Sie haben in kurzer Zeit viele Nachrichten gesendet",
    "proposal": "Von hier kamen gerade viele Vorschläge",
}


def test_a_reached_rate_limit_answers_429_and_keeps_what_was_typed(form, settings):
    setattr(settings, IP_RATE[form.name], "2/h")
    client = Client()
    for n in (1, 2):
        assert client.post(form.url, {**form.data(n), **hidden(client.get(form.url))}).status_code == 302
    response = client.post(form.url, {**form.data(3), **hidden(client.get(form.url))})
    page = response.content.decode()
    assert response.status_code == 429
    assert LIMITED[form.name] in page and form.kept(3) in page
    assert form.done() == 2


def test_a_person_correcting_field_errors_does_not_use_up_the_rate_limit(form, settings):
    setattr(settings, IP_RATE[form.name], "2/h")
    client = Client()
    for _ in range(3):
        page = client.post(form.url, hidden(client.get(form.url))).content.decode()  # nothing filled in
        assert form.field_error in page
    for n in (1, 2):
        assert client.post(form.url, {**form.data(n), **hidden(client.get(form.url))}).status_code == 302
    assert form.done() == 2


def test_a_filled_honeypot_gets_the_success_page_whatever_else_was_sent(form):
    client = Client()
    response = client.post(form.url, {**hidden(client.get(form.url)), "company": "Spam GmbH"})  # no fields at all
    assert response.status_code == 302
    assert form.done() == 0
