"""Articles appear on event pages (the hook `event_page_related`): writes to this app's tables bump
the public version (core.public_cache)."""

from django.db import migrations

from core.public_cache import add_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
        ("core", "0003_public_version"),
    ]

    operations = [add_triggers("knowledge")]
