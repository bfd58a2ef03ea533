"""Test builders of the newsletter (any app's tests may use them)."""

from django.utils import timezone

from newsletter.models import Issue, Subscriber
from regions.models import District


def make_issue(*, year=2015, number=2, title="Erste Unterstützer_innen-Schulungen", published=True, **fields):
    fields.setdefault("slug", f"{year}-{number:02d}")
    fields.setdefault("body", "## Aus dem Landkreis\n\nDie ersten Schulungen haben begonnen.")
    return Issue.objects.create(
        year=year, number=number, title=title, published_at=timezone.now() if published else None, **fields
    )


def make_subscriber(email, *, districts=(), topics=(), status=Subscriber.Status.ACTIVE, language="de"):
    subscriber = Subscriber.objects.create(
        email=email,
        status=status,
        language=language,
        confirmed_at=timezone.now() if status == Subscriber.Status.ACTIVE else None,
    )
    subscriber.districts.set(districts)
    subscriber.topics.set(topics)
    return subscriber


def district(part_of_name):
    return District.objects.get(name__icontains=part_of_name)
