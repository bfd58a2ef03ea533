"""Test look-ups for Saxony's places (the rows come with the migration; nothing is written here)."""

from regions.models import Municipality


def municipality(name="Pirna"):
    return Municipality.objects.get(name=name)
