"""Builders for initiatives (no mocks: these write real rows)."""

import itertools

from network.models import Initiative
from regions.testing import municipality

_counter = itertools.count(1)


def make_initiative(*, name=None, place="Pirna", status="approved", contact_email=None, **fields):
    n = next(_counter)
    values = {
        "name": name or f"Willkommensinitiative Nr. {n}",
        "slug": f"initiative-{n}",
        "kind": Initiative.Kind.WELCOME,
        "municipality": municipality(place),
        "focus": "Sprachcafé und Begleitung zu Ämtern",
        "description": "Wir treffen uns seit 2015.",
        "how_to_join": "Kommen Sie einfach vorbei.",
        "meeting_times": "dienstags 17 Uhr",
        "contact_email": contact_email or f"geheim-{n}@example.org",
        "status": status,
    }
    values.update(fields)
    return Initiative.objects.create(**values)
