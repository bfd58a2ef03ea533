"""The installation's first administrator: an account without a password and a one-time set-up link.

    manage.py create_first_admin [--email a@b.de] [--send]

Asks for the address when it is not given. Prints the link (or, with --send, queues it as mail
through the outbox: a worker must run). The person chooses the password and sets up the second
factor; no password ever passes the command line. Refused while an active admin exists.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from accounts import services

MAX_TRIES = 3
ADMIN_EXISTS = (
    "An active administrator exists already: nothing created. "
    "Further accounts are invited on the accounts page (/team/konten/)."
)


class Command(BaseCommand):
    help = "Create the first administrator and print (or mail) a one-time link to choose the password."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="the administrator's e-mail address (asked for when missing)")
        parser.add_argument("--send", action="store_true", help="mail the link (outbox) instead of printing it")

    def handle(self, *args, email=None, send=False, **options):
        if services.active_admins().exists():
            raise CommandError(ADMIN_EXISTS)
        email = self._valid_email(email) if email is not None else self._ask_email()
        try:
            user, url = services.create_first_admin(email=email, send=send, language=settings.LANGUAGE_CODE)
        except services.AdminExistsError:
            raise CommandError(ADMIN_EXISTS) from None
        except services.AccountExistsError:
            raise CommandError(
                f"An account with the address {email} exists already: nothing changed. "
                "Use another address, or invite and manage accounts on the accounts page (/team/konten/)."
            ) from None
        hours = settings.ACCOUNT_INVITATION_HOURS
        self.stdout.write(f"Administrator account {user.email} created (no password yet).")
        if send:
            self.stdout.write(
                f"The set-up link was queued as mail to {user.email} (valid {hours} hours, works once); "
                "a task worker (manage.py db_worker) sends it."
            )
        else:
            self.stdout.write(f"Set-up link (valid {hours} hours, works once; give it only to this person):")
            self.stdout.write(url)
        self.stdout.write("Opening it, the person chooses a password, then logs in and sets up the second factor.")

    def _valid_email(self, value):
        value = (value or "").strip()
        try:
            validate_email(value)
        except ValidationError:
            raise CommandError(f"Not an e-mail address: {value!r}. Give one like name@example.org.") from None
        return value

    def _ask_email(self):
        for _attempt in range(MAX_TRIES):
            value = self.ask("E-mail address of the first administrator: ")
            try:
                return self._valid_email(value)
            except CommandError as problem:
                self.stderr.write(str(problem))
        raise CommandError("No valid e-mail address given: nothing created.")

    def ask(self, prompt):
        try:
            return input(prompt)
        except EOFError:
            raise CommandError("No e-mail address given (use --email when not running interactively).") from None
