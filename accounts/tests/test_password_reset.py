import re

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.testing import make_user
from audit.models import Entry
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, run_jobs, smtp_server  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_password_reset_goes_through_the_outbox_to_a_real_smtp_server(client, smtp_server):  # noqa: F811
    team = make_user("team", email="reset@example.org")
    response = client.post("/konto/passwort-vergessen/", {"email": "reset@example.org"}, follow=True)
    assert "E-Mail unterwegs" in response.content.decode()
    run_jobs()  # the worker writes the mail (see test_known_and_unknown_addresses_cost_the_request_the_same_work)
    message = OutboxMessage.objects.get()
    assert message.to == "reset@example.org" and message.template == "accounts/mail/password_reset"
    deliver_outbox()
    received = smtp_server.messages_to("reset@example.org")
    assert len(received) == 1
    body = received[0].message.get_body(preferencelist=("plain",)).get_content()
    link = re.search(r"https?://\S+/konto/passwort-neu/\S+/", body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get("/" + path, follow=True)
    assert "Neues Passwort festlegen" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Ein-neues-Passwort-2026", "new_password2": "Ein-neues-Passwort-2026"},
        follow=True,
    )
    assert "Passwort gespeichert" in done.content.decode()
    assert authenticate(username="reset@example.org", password="Ein-neues-Passwort-2026") == team
    assert [e.action for e in Entry.objects.order_by("id")] == [
        "account.password_reset_requested",
        "account.password_reset_done",
    ]
    assert "reset@example.org" not in str(list(Entry.objects.values()))


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/konto/passwort-vergessen/", {"email": "niemand@example.org"}, follow=True)
    assert "E-Mail unterwegs" in response.content.decode()
    run_jobs()
    assert not OutboxMessage.objects.exists()


RESET = "/konto/passwort-vergessen/"


def ask(address, *, client_address="10.0.0.1"):
    return Client(REMOTE_ADDR=client_address).post(RESET, {"email": address})


def page_without(response, typed):
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
    return html.replace(typed, "")


def test_requests_for_one_address_are_limited_whether_it_has_an_account_or_not(settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL, settings.PASSWORD_RESET_RATE_PER_IP = "2/h", "1000/h"
    make_user("team", email="opfer@example.org")
    for n in range(2):
        assert (
            ask("opfer@example.org", client_address=f"10.0.1.{n}")["Location"] == "/konto/passwort-vergessen/gesendet/"
        )
        assert ask("niemand@example.org", client_address=f"10.0.2.{n}").status_code == 302
    known = ask("Opfer@Example.org", client_address="10.0.1.9")  # written differently: the same address
    unknown = ask("niemand@example.org", client_address="10.0.2.9")
    assert known.status_code == unknown.status_code == 429
    assert "sehr viele Links angefordert" in known.content.decode()
    assert page_without(known, "Opfer@Example.org") == page_without(unknown, "niemand@example.org")
    run_jobs()
    assert OutboxMessage.objects.filter(to="opfer@example.org").count() == 2  # no mail bombing


def test_requests_from_one_client_address_are_limited(settings):
    settings.PASSWORD_RESET_RATE_PER_EMAIL, settings.PASSWORD_RESET_RATE_PER_IP = "1000/h", "3/h"
    for n in range(3):
        assert ask(f"probe{n}@example.org", client_address="10.0.3.66").status_code == 302
    limited = ask("probe9@example.org", client_address="10.0.3.66")
    assert limited.status_code == 429
    assert "Von Ihrem Anschluss kamen gerade sehr viele Anfragen" in limited.content.decode()
    assert ask("probe9@example.org", client_address="10.0.3.7").status_code == 302


def request_work(address):
    """The SQL one reset request runs, with the values taken out (their shape is the work done)."""
    with CaptureQueriesContext(connection) as queries:
        response = ask(address)
    shapes = [re.sub(r"'[^']*'|\b\d+\b|\bNULL\b", "?", q["sql"]) for q in queries.captured_queries]
    return response, shapes


def test_known_and_unknown_addresses_cost_the_request_the_same_work(smtp_server):  # noqa: F811
    """The answer's timing must not tell whether an address has an account: the request does the
    same queries for both, and the mail is written later by the background job."""
    make_user("team", email="bekannt@example.org")
    known, known_work = request_work("bekannt@example.org")
    unknown, unknown_work = request_work("unbekannt@example.org")
    assert known.status_code == unknown.status_code == 302 and known["Location"] == unknown["Location"]
    assert known_work == unknown_work
    assert not OutboxMessage.objects.exists() and not Entry.objects.exists()  # no mail rendered in the request
    deliver_outbox()
    assert [m.rcpt_tos for m in smtp_server.messages] == [["bekannt@example.org"]]
    assert [e.action for e in Entry.objects.all()] == ["account.password_reset_requested"]
