"""Reads for the team's event pages and the events' dashboard panels, each with a fixed number of queries."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q, Value
from django.utils import timezone

from core.registry import hook_answers
from events.models import Event, Partner
from events.permissions import events_visible_to, visible_event_or_404

DASHBOARD_DAYS = 60


def with_counts(queryset):
    """Per-event figures from the apps answering `event_list_annotations` (registrations:
    confirmed_count, pending_count, waiting_count); zeros where no app answers."""
    answers = hook_answers("event_list_annotations")
    if not answers:
        zero = Value(0)
        return queryset.annotate(confirmed_count=zero, pending_count=zero, waiting_count=zero)
    for answer in answers:
        queryset = answer(queryset=queryset)
    return queryset


def event_rows(user):
    """Events of this account for tables: venue, place and registration counts in one query."""
    events = events_visible_to(user).select_related("venue__municipality", "course")
    return with_counts(events)


def add_fill(events):
    """Set `fill_percent` (None without a limit) on annotated events."""
    for event in events:
        taken = event.confirmed_count + event.pending_count
        event.places_taken = taken
        event.fill_percent = min(round(100 * taken / event.capacity), 100) if event.capacity else None
    return events


def filtered_events(user, data, now=None):
    now = now or timezone.now()
    events = event_rows(user)
    period = data.get("zeitraum") or "kommend"
    if period == "kommend":
        events = events.filter(Q(end__gte=now) | Q(end__isnull=True)).order_by("start", "id")
    elif period == "vergangen":
        events = events.filter(end__lt=now).order_by("-start", "-id")
    else:
        events = events.order_by("-start", "-id")
    if data.get("status"):
        events = events.filter(status=data["status"])
    if data.get("art"):
        events = events.filter(kind=data["art"])
    if data.get("q"):
        events = events.filter(title__icontains=data["q"])
    return events


def upcoming(user, now=None):
    """The next DASHBOARD_DAYS days, with fill level (cancelled events left out)."""
    now = now or timezone.now()
    rows = event_rows(user).filter(end__gte=now, start__lte=now + timedelta(days=DASHBOARD_DAYS))
    return add_fill(list(rows.exclude(status=Event.Status.CANCELLED).order_by("start", "id")[:30]))


def waiting(user, now=None):
    now = now or timezone.now()
    return add_fill(list(event_rows(user).filter(end__gte=now, waiting_count__gt=0).order_by("start", "id")[:20]))


def due(user, now=None):
    """Published events that are over (to mark as held) and drafts starting soon or without a date."""
    now = now or timezone.now()
    rows = event_rows(user)
    due_held = list(rows.filter(status=Event.Status.PUBLISHED, end__lt=now).order_by("end", "id")[:20])
    due_publish = list(
        rows.filter(status=Event.Status.DRAFT)
        .filter(Q(start__isnull=True) | Q(start__gte=now, start__lte=now + timedelta(days=DASHBOARD_DAYS)))
        .order_by("start", "id")[:20]
    )
    return {"due_held": due_held, "due_publish": due_publish}


def event_detail(user, pk):
    """One event with everything its back-office page shows (404 if not visible to `user`)."""
    queryset = (
        with_counts(Event.objects.all())
        .select_related("venue__municipality__district", "contact", "course", "copied_from")
        .prefetch_related("topics", "target_groups", "languages", "partners", "trainers", "agenda")
    )
    event = visible_event_or_404(user, pk, queryset)
    add_fill([event])
    return event


def sessions_of(event):
    return list(event.sessions.select_related("venue__municipality").prefetch_related("trainers"))


def modules_of(event):
    return add_fill(list(with_counts(event.modules.select_related("venue__municipality")).order_by("start", "id")))


# --- Reference data (Stammdaten) ------------------------------------------------------------
USAGE_SHOWN = 10


def reference_rows(model):
    """The items of one kind for the list, each with how many events (and partner accounts) use it."""
    rows = model.objects.annotate(event_count=Count("events", distinct=True))
    if model is Partner:
        rows = rows.annotate(account_count=Count("accounts", distinct=True))
    return rows.order_by("archived", *model._meta.ordering, "id")


def reference_usage(item):
    """Where `item` is used: (number of events, the latest events, number of partner accounts)."""
    events = item.events.order_by("-start", "-id")
    accounts = item.accounts.count() if isinstance(item, Partner) else 0
    return events.count(), list(events[:USAGE_SHOWN]), accounts


def other_uses(item):
    """How many records of other kinds refer to `item` (articles, consultations, requests, subscriptions …):
    [(plural name, count)]. Found through the model's reverse relations, so apps above events need not be named
    and a new one that points at a topic or a language is counted without a change here."""
    uses = []
    for relation in item._meta.get_fields(include_hidden=True):
        model = relation.related_model
        if not relation.auto_created or relation.concrete or model is None or model._meta.auto_created:
            continue
        if model is Event or model._meta.label == settings.AUTH_USER_MODEL:
            continue  # counted and listed by reference_usage
        count = model._default_manager.filter(**{relation.field.name: item}).count()
        if count:
            uses.append((str(model._meta.verbose_name_plural), count))
    return sorted(uses)


def reference_use_count(item):
    count, _latest, accounts = reference_usage(item)
    return count + accounts + sum(count for _name, count in other_uses(item))
