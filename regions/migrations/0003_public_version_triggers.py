"""Every write to this app's tables bumps the public version (core.public_cache): cached public pages
are rendered afresh on the next request on every app server."""

from django.db import migrations

from core.public_cache import add_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_load_saxony"),
        ("core", "0003_public_version"),
    ]

    operations = [add_triggers("regions")]
