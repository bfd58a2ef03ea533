"""The events' parts of the back-office dashboard (declared in events/contributions.py)."""

from accounts.permissions import is_team
from events import staff_queries as queries
from events.permissions import can_manage_events


def create_button(request):
    return {}


def upcoming(request):
    return {"upcoming": queries.upcoming(request.user), "can_manage": can_manage_events(request.user)}


def waiting(request):
    return {"waiting": queries.waiting(request.user)}


def due(*, user, now):
    """Answer to `dashboard_due`: events over but not marked as held, drafts to publish."""
    found = queries.due(user, now)
    return [("events/staff/_due.html", found)] if any(found.values()) else []


def after_the_event(user):
    """Certificates and feedback are the team's work after an event (documents, feedback)."""
    return is_team(user)
