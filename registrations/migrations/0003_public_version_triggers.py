"""Writes to what public pages show of registrations (seats: bookings; the registration settings) bump
the public version (core.public_cache): cached public pages are rendered afresh on the next request on
every app server. The registrations themselves (personal data, shown on no public page) do not."""

from django.db import migrations

from core.public_cache import add_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0002_registration_entered_by_team"),
        ("core", "0003_public_version"),
    ]

    operations = [
        add_triggers(
            "registrations",
            models=["Booking", "RegistrationSettings"],
            # Seats left come from a booking's status and event; a check-in or a reminder sent is no change.
            columns={"Booking": ["status", "event"]},
        )
    ]
