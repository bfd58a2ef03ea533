"""A conference published or withdrawn changes its event's public page (the programme link, the hook
`event_page_box`): writes to `Conference` bump the public version (core.public_cache)."""

from django.db import migrations

from core.public_cache import add_triggers


class Migration(migrations.Migration):
    dependencies = [
        ("conferences", "0003_sepa_payment_batches"),
        ("core", "0003_public_version"),
    ]

    operations = [add_triggers("conferences", models=["Conference"])]
