"""Reads of training requests with a fixed number of queries (the queue, the request page, the
map, the dashboard panel, the partner portal, the requester's page)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Min, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from events.models import Event
from events.staff_queries import with_counts
from regions.maps import build_map
from regions.models import District
from training_requests.models import Message, StateChange, TrainingRequest

WAITING_DAYS = 7
OPEN_STATES = (TrainingRequest.State.NEW, TrainingRequest.State.DISCUSSION)


def queue():
    """Confirmed requests, oldest waiting first among the open ones, then the rest by date."""
    return TrainingRequest.objects.confirmed().for_queue().with_reply_state().order_by("-created_at", "-id")


def request_page(pk):
    """One request with its thread, notes and history (a fixed number of queries)."""
    return (
        TrainingRequest.objects.confirmed()
        .for_queue()
        .select_related("partner_organisation", "event")
        .prefetch_related(
            "topics",
            "target_groups",
            Prefetch("messages", queryset=Message.objects.select_related("author")),
            "notes__author",
            Prefetch("state_changes", queryset=StateChange.objects.select_related("actor")),
        )
        .filter(pk=pk)
        .first()
    )


def requester_page(training_request):
    """What the personal link shows: the request with its topics and the thread (no notes)."""
    return (
        TrainingRequest.objects.select_related("municipality__district", "event")
        .prefetch_related("topics", "target_groups", "messages", "state_changes")
        .get(pk=training_request.pk)
    )


def waiting_too_long(now=None, limit=10):
    """Open requests nobody moved for more than WAITING_DAYS days (the dashboard panel)."""
    cutoff = (now or timezone.now()) - timedelta(days=WAITING_DAYS)
    rows = (
        TrainingRequest.objects.confirmed()
        .filter(state__in=OPEN_STATES)
        .filter(Q(state_changed_at__lt=cutoff) | Q(state_changed_at__isnull=True, created_at__lt=cutoff))
        .select_related("municipality", "assignee")
        .order_by("created_at", "id")
    )
    return list(rows[:limit]), rows.count()


def with_unread_replies(limit=10):
    """Requests with requester replies no team member has read yet, the oldest unread reply first
    (the dashboard panel)."""
    unread = Message.objects.filter(from_team=False, read_at__isnull=True)
    rows = (
        TrainingRequest.objects.confirmed()
        .filter(pk__in=unread.values("request"))
        .annotate(
            first_unread=Min(
                "messages__created_at", filter=Q(messages__from_team=False, messages__read_at__isnull=True)
            )
        )
        .select_related("municipality")
        .order_by("first_unread", "id")
    )
    return list(rows[:limit]), rows.count()


def state_counts(queryset=None):
    rows = (queryset if queryset is not None else TrainingRequest.objects.confirmed()).values("state")
    return {row["state"]: row["n"] for row in rows.annotate(n=Count("id")).order_by()}


def partner_requests(partner_id):
    requests = TrainingRequest.objects.filter(partner_organisation=partner_id).for_queue().select_related("event")
    return requests.order_by("-created_at", "-id")


def partner_events(partner_id):
    """Events the organisation co-hosts, newest first, with their registration counts (names stay on
    the event's own page, shown only where the event allows it)."""
    events = Event.objects.filter(partners=partner_id).select_related("venue__municipality")
    return with_counts(events).order_by("-start", "-id")


# --- The team's district map ---------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictRow:
    district: District
    total: int
    open: int
    url: str


def _queue_link(district):
    return reverse("training_requests_staff:queue") + f"?kreis={district.slug}"


def requests_count(number, shown):
    return ngettext("%(shown)s Anfrage", "%(shown)s Anfragen", number) % {"shown": shown}


def requests_map():
    """The district map shaded by confirmed requests (all states), with a table of the same numbers."""
    districts = list(District.objects.order_by("short_name"))
    rows = (
        TrainingRequest.objects.confirmed()
        .values("municipality__district_id")
        .annotate(n=Count("id"), open=Count("id", filter=Q(state__in=OPEN_STATES)))
        .order_by()
    )
    totals = {row["municipality__district_id"]: row for row in rows}
    counts = {pk: row["n"] for pk, row in totals.items()}
    context = build_map(districts, counts, _queue_link, count_label=requests_count)
    context["rows"] = [
        DistrictRow(d, counts.get(d.id, 0), totals.get(d.id, {}).get("open", 0), _queue_link(d)) for d in districts
    ]
    context["total"] = sum(counts.values())
    return context
