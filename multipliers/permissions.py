"""Who may do what in the multiplier programme (built on events.permissions and accounts.permissions)."""

from django.http import Http404

from accounts.permissions import is_multiplier, is_team
from events.models import Event
from events.permissions import can_manage_participants, can_view_participants


def is_course(event):
    return event.kind == Event.Kind.COURSE and event.course_id is None


def can_see_cohort(user, event) -> bool:
    return is_course(event) and can_view_participants(user, event)


def can_run_programme(user, event) -> bool:
    """Set the completion rule and send the certificates: the team."""
    return is_course(event) and can_manage_participants(user, event)


def can_read_log_totals(user) -> bool:
    return is_team(user)


def can_keep_log(user) -> bool:
    return is_multiplier(user)


def own_entry_or_404(user, queryset, pk):
    """A multiplier's own log entry; anybody else's is a 404, never a 403 that confirms it exists."""
    entry = queryset.filter(multiplier=user, pk=pk).first()
    if entry is None:
        raise Http404
    return entry
