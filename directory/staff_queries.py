"""Reads for the team's Wegweiser editor: lists with search, entries due for a check, one service to edit.

An entry is "due" when nobody confirmed it for 12 months: its `last_checked_on` (or, for entries
never checked in the editor, the date of `last_modified`) lies before the same day a year ago.
Defunct services are not reminded of.
"""

from datetime import date, datetime, time

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from directory.models import Organization, Service, ServiceArea, ServiceAtLocation

CHECK_MONTHS = 12
DASHBOARD_ROWS = 5


def check_cutoff(today: date) -> date:
    """The same day 12 months ago (28 February for 29 February)."""
    try:
        return today.replace(year=today.year - CHECK_MONTHS // 12)
    except ValueError:
        return today.replace(year=today.year - CHECK_MONTHS // 12, day=28)


def _due_filter(today: date) -> Q:
    cutoff = check_cutoff(today)
    start_of_cutoff = timezone.make_aware(datetime.combine(cutoff, time.min))
    return Q(last_checked_on__lt=cutoff) | Q(last_checked_on__isnull=True, last_modified__lt=start_of_cutoff)


def due_for_check(today: date):
    return Service.objects.exclude(status=Service.Status.DEFUNCT).filter(_due_filter(today))


def staff_services(*, text: str = "", due_only: bool = False, today: date):
    """Services with their organisation for the list, oldest check first when filtering for due ones."""
    services = Service.objects.select_related("organization")
    if text:
        services = services.filter(
            Q(name__icontains=text) | Q(alternate_name__icontains=text) | Q(organization__name__icontains=text)
        )
    if due_only:
        return (
            due_for_check(today)
            .filter(pk__in=services.values("pk"))
            .select_related("organization")
            .order_by("last_checked_on", "last_modified", "name", "id")
        )
    return services.order_by("name", "id")


def staff_organizations(*, text: str = ""):
    organizations = Organization.objects.annotate(service_count=Count("services"))
    if text:
        organizations = organizations.filter(Q(name__icontains=text) | Q(alternate_name__icontains=text))
    return organizations.order_by("name", "id")


def dashboard_reminder(today: date) -> dict:
    """Count and the longest-unchecked entries for the dashboard (two queries whatever the count)."""
    due = due_for_check(today)
    oldest = list(
        due.select_related("organization").order_by("last_checked_on", "last_modified", "name")[:DASHBOARD_ROWS]
    )
    return {"count": due.count(), "oldest": oldest}


def service_for_editing(pk):
    locations = ServiceAtLocation.objects.select_related("location__municipality").prefetch_related(
        "location__addresses", "location__accessibility"
    )
    queryset = Service.objects.select_related("organization").prefetch_related(
        Prefetch("service_at_locations", queryset=locations),
        "attributes",
        Prefetch("service_areas", queryset=ServiceArea.objects.select_related("district", "municipality")),
    )
    return get_object_or_404(queryset, pk=pk)
