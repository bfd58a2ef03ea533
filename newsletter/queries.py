"""Reads of the newsletter with a fixed number of queries."""

from itertools import groupby

from django.db.models import Count, Q

from events.models import Topic
from mail.models import OutboxMessage
from newsletter.models import Delivery, Issue, Sending, Subscriber
from regions.models import District


def issues_by_year():
    """[(year, [issues])], newest first: one query."""
    issues = Issue.objects.published().order_by("-year", "-number")
    return [(year, list(items)) for year, items in groupby(issues, key=lambda issue: issue.year)]


def topic_choices():
    return Topic.objects.filter(archived=False).order_by("name")


def district_choices():
    return District.objects.order_by("name")


def recipients(*, districts, topics):
    """Active subscribers who want news for one of the districts (or for all of Saxony) and on one of
    the topics (or on every topic). Empty selections mean "everyone"."""
    chosen = Subscriber.objects.active()
    district_ids = [d.pk for d in districts]
    topic_ids = [t.pk for t in topics]
    if district_ids:
        chosen = chosen.filter(
            Q(pk__in=Subscriber.districts.through.objects.filter(district_id__in=district_ids).values("subscriber_id"))
            | ~Q(pk__in=Subscriber.districts.through.objects.values("subscriber_id"))
        )
    if topic_ids:
        chosen = chosen.filter(
            Q(pk__in=Subscriber.topics.through.objects.filter(topic_id__in=topic_ids).values("subscriber_id"))
            | ~Q(pk__in=Subscriber.topics.through.objects.values("subscriber_id"))
        )
    return chosen


def sending_recipients(sending):
    return recipients(districts=sending.districts.all(), topics=sending.topics.all())


def subscriber_counts():
    """{status: count} over all subscriptions (erased ones included): one query."""
    rows = Subscriber.objects.values("status").annotate(n=Count("id")).order_by()
    counts = dict.fromkeys(Subscriber.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def staff_issues():
    """Every issue with its number of copies queued: one query."""
    return Issue.objects.annotate(copies=Count("deliveries")).order_by("-year", "-number")


def progress(sending):
    """{"queued_copies", "waiting", "sent", "failed", "withdrawn"} of one sending: two queries."""
    outcomes = dict(
        Delivery.objects.filter(sending=sending)
        .values("outcome")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("outcome", "n")
    )
    states = dict(
        OutboxMessage.objects.filter(pk__in=Delivery.objects.filter(sending=sending).values("outbox_id"))
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("status", "n")
    )
    return {
        "queued_copies": sum(outcomes.values()),
        "withdrawn": outcomes.get(Delivery.Outcome.WITHDRAWN, 0),
        "waiting": states.get(OutboxMessage.Status.QUEUED, 0) + states.get(OutboxMessage.Status.SENDING, 0),
        "sent": states.get(OutboxMessage.Status.SENT, 0),
        "failed": states.get(OutboxMessage.Status.FAILED, 0),
    }


def sendings_of(issue):
    return Sending.objects.filter(issue=issue).prefetch_related("districts", "topics").select_related("started_by")
