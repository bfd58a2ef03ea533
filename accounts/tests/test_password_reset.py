import re

import pytest
from django.contrib.auth import authenticate

from audit.models import Entry
from mail.models import OutboxMessage
from mail.testing import deliver_outbox, smtp_server  # noqa: F401 (fixture)
from sfi.testing import make_user

pytestmark = pytest.mark.django_db


def test_password_reset_goes_through_the_outbox_to_a_real_smtp_server(client, smtp_server):  # noqa: F811
    team = make_user("team", email="reset@example.org")
    response = client.post("/konto/passwort-vergessen/", {"email": "reset@example.org"}, follow=True)
    assert "E-Mail unterwegs" in response.content.decode()
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
    assert not OutboxMessage.objects.exists()
