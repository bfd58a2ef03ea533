"""Demo logins for the back office (fictional people; documented in the README).

Every demo account has the password DEMO_PASSWORD. Accounts that see personal data use an
authenticator app with the fixed, public DEMO_TOTP_SECRET, so anyone trying the demo can
add it to an app or print the current code with `python manage.py demo_totp`.
Never use these in production: the secret is public.
"""

import base64
from datetime import timedelta

from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from events.models import Event, Partner

DEMO_PASSWORD = "Demo-Support-2026"  # noqa: S105 (public demo data)
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 (public demo secret, base32)
DEMO_PARTNER = "Sächsischer Flüchtlingsrat e.V."

ACCOUNTS = [
    ("admin@example.org", User.Role.ADMIN, "Demo", "Administration"),
    ("team@example.org", User.Role.TEAM, "Demo", "Projektteam"),
    ("referentin@example.org", User.Role.TRAINER, "Demo", "Referentin"),
    ("partner@example.org", User.Role.PARTNER, "Demo", "Partnerorganisation"),
]


def demo_totp_key():
    return base64.b32decode(DEMO_TOTP_SECRET).hex()


def seed_accounts():
    """Create (or refresh) the demo logins; returns their e-mail addresses."""
    partner, _ = Partner.objects.get_or_create(name=DEMO_PARTNER)
    made = []
    for email, role, first, last in ACCOUNTS:
        user = User.objects.filter(email=email).first() or User(email=email)
        user.role, user.first_name, user.last_name = role, first, last
        user.partner_organisation = partner if role == User.Role.PARTNER else None
        user.is_staff = user.is_superuser = role == User.Role.ADMIN
        user.set_password(DEMO_PASSWORD)
        user.save()
        if role != User.Role.PARTNER:
            TOTPDevice.objects.update_or_create(
                user=user, name="Demo-Authenticator", defaults={"key": demo_totp_key(), "confirmed": True}
            )
        made.append(user)
    trainer = next(u for u in made if u.role == User.Role.TRAINER)
    soon = Event.objects.filter(course__isnull=True, start__gte=timezone.now()).order_by("start")
    for event in soon[:3]:
        event.trainers.add(trainer)
    for event in Event.objects.filter(start__lt=timezone.now() - timedelta(days=1)).order_by("-start")[:2]:
        event.trainers.add(trainer)
    # The partner co-hosts a few upcoming offers; names stay hidden from partners by default.
    for event in soon[3:6]:
        event.partners.add(partner)
    return [u.email for u in made]
