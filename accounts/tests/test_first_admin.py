"""manage.py create_first_admin: the first account of a new installation, set up by the person."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.models import Invitation, User
from accounts.testing import make_user
from audit.models import Entry
from mail.models import OutboxMessage
from mail.testing import deliver_outbox

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+(/konto/passwort-neu/einladung/[\w-]+/)")
PASSWORD = "Ein-gutes-Passwort-2026"


def run(*args, answers=()):
    """Run the command, feeding `answers` to its questions; returns (stdout, stderr)."""
    from accounts.management.commands import create_first_admin

    out, err = io.StringIO(), io.StringIO()
    command = create_first_admin.Command(stdout=out, stderr=err)
    typed = iter(answers)
    command.ask = lambda prompt: next(typed)
    call_command(command, *args)
    return out.getvalue(), err.getvalue()


def link_path(output):
    return LINK.search(output).group(1)


def set_password(client, path, password=PASSWORD):
    return client.post(path, {"new_password1": password, "new_password2": password}, follow=True)


def test_with_email_it_creates_an_admin_without_password_and_prints_a_link_that_works_once(client):
    out, _ = run("--email", "leitung@example.org")
    user = User.objects.get(email="leitung@example.org")
    assert user.role == User.Role.ADMIN and user.is_active and not user.has_usable_password()
    assert "valid 72 hours, works once" in out
    path = link_path(out)
    assert "leitung" not in path  # no personal data in the link
    page = client.get(path)
    assert page.status_code == 200 and "Passwort festlegen" in page.content.decode()
    done = set_password(client, path)
    assert done.redirect_chain[-1][0] == "/konto/anmelden/"
    assert "Ihr Passwort ist gespeichert" in done.content.decode()
    assert authenticate(username="leitung@example.org", password=PASSWORD) == user
    again = client.get(path)
    assert again.status_code == 410 and "schon benutzt" in again.content.decode()
    assert "<form" not in again.content.decode().split("<main", 1)[-1]
    assert [e.action for e in Entry.objects.order_by("id")] == [
        "account.first_admin_created",
        "account.invitation_accepted",
    ]
    assert "leitung@example.org" not in str(list(Entry.objects.values()))


def test_the_login_after_the_link_asks_for_the_second_factor_set_up(client):
    out, _ = run("--email", "leitung@example.org")
    set_password(client, link_path(out))
    response = client.post("/konto/anmelden/", {"username": "leitung@example.org", "password": PASSWORD})
    assert response.status_code == 302 and "/konto/anmelden/zwei-faktor-einrichten/" in response["Location"]


def test_interactive_it_asks_until_the_address_is_valid(client):
    out, err = run(answers=["kein-name", "  neu@example.org "])
    assert "Not an e-mail address" in err
    assert User.objects.get().email == "neu@example.org"
    assert client.get(link_path(out)).status_code == 200


def test_interactive_it_gives_up_after_three_wrong_answers():
    with pytest.raises(CommandError, match="No valid e-mail address"):
        run(answers=["a", "b", "c"])
    assert not User.objects.exists()


def test_a_bad_email_option_is_refused():
    with pytest.raises(CommandError, match="Not an e-mail address"):
        run("--email", "leitung")
    assert not User.objects.exists()


def test_refused_while_an_active_admin_exists():
    make_user("admin")
    with pytest.raises(CommandError, match="An active administrator exists already"):
        run("--email", "zweite@example.org")
    assert not User.objects.filter(email="zweite@example.org").exists()


def test_a_deactivated_or_never_set_up_admin_does_not_block_it(client):
    make_user("admin", is_active=False)
    first, _ = run("--email", "leitung@example.org")
    # Run again before the link was used: a new link, the first one stops working.
    second, _ = run("--email", "leitung@example.org")
    assert User.objects.filter(email="leitung@example.org").count() == 1
    assert Invitation.objects.count() == 1
    assert client.get(link_path(first)).status_code == 404
    assert client.get(link_path(second)).status_code == 200


def test_the_link_expires(client, clock, settings):
    out, _ = run("--email", "leitung@example.org")
    clock.shift(timedelta(hours=settings.ACCOUNT_INVITATION_HOURS, seconds=1))
    page = client.get(link_path(out))
    assert page.status_code == 410 and "abgelaufen" in page.content.decode()
    assert set_password(client, link_path(out)).status_code == 410
    assert not User.objects.get().has_usable_password()


def test_send_queues_the_link_as_mail_and_prints_no_link(client, smtp_server):
    out, _ = run("--email", "leitung@example.org", "--send")
    assert "queued as mail" in out and not LINK.search(out)
    message = OutboxMessage.objects.get()
    assert message.template == "accounts/mail/invitation" and message.erase_body_after_send
    deliver_outbox()
    (mail,) = smtp_server.messages_to("leitung@example.org")
    path = LINK.search(mail.text).group(1)
    set_password(client, path)
    assert User.objects.get().has_usable_password()


def test_no_password_option_exists():
    from accounts.management.commands import create_first_admin

    parser = create_first_admin.Command().create_parser("manage.py", "create_first_admin")
    assert not [a for a in parser._actions if "password" in " ".join(a.option_strings)]


def test_the_link_is_masked_in_logs():
    from core.logging import redact

    out, _ = run("--email", "leitung@example.org")
    path = link_path(out)
    token = path.rstrip("/").rsplit("/", 1)[1]
    assert token not in redact(f'"GET {path} HTTP/1.1" 410')


@pytest.mark.parametrize("fields", [{"role": "team"}, {"role": "admin", "is_active": False}])
def test_an_existing_account_is_not_taken_over(fields):
    existing = make_user(email="leitung@example.org", **fields)
    with pytest.raises(CommandError, match="exists already: nothing changed"):
        run("--email", "leitung@example.org")
    existing.refresh_from_db()
    assert existing.has_usable_password() and existing.role == fields["role"] and not Invitation.objects.exists()
