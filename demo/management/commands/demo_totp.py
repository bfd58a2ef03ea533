from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from demo.seeders.accounts import demo_totp_key


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo logins (development only; the demo secret is public)."

    def handle(self, *args, **options):
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("demo_totp only runs with DEBUG=1: the demo secret must never guard real data.")
        totp = TOTP(bytes.fromhex(demo_totp_key()))
        seconds_left = 30 - int(totp.time) % 30
        self.stdout.write(f"{totp.token():06d}  (valid for about {seconds_left} more seconds)")
