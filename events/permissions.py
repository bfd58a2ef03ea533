"""Who may do what with an event in the back office. Every staff view with event or personal data asks here.

Built on the roles of `accounts.permissions` (where the superuser rule and the second factor live):

admin, team   every event: plan, change, see participants
trainer       events and sessions they give: see them and their participants
partner       events their organisation co-hosts: see them; participant names only
              where the event allows it (`partners_may_see_names`), otherwise counts
multiplier    no back office (their own pages come with the multiplier programme)
"""

from django.db.models import Q
from django.http import Http404

from accounts.permissions import is_partner, is_team, is_trainer, is_verified
from events.models import Event


def events_visible_to(user):
    """The events this account may open in the back office (a queryset; empty for everyone else)."""
    if is_team(user):
        return Event.objects.all()
    if is_trainer(user):
        own = Q(trainers=user) | Q(sessions__trainers=user) | Q(course__trainers=user)
        return Event.objects.filter(pk__in=Event.objects.filter(own).values("pk"))
    if is_partner(user) and user.partner_organisation_id:
        return Event.objects.filter(partners=user.partner_organisation_id)
    return Event.objects.none()


def visible_event_or_404(user, pk, queryset=None):
    """The event if this account may see it; 404 otherwise, so ids of other events reveal nothing."""
    base = queryset if queryset is not None else Event.objects.all()
    event = base.filter(pk=pk, pk__in=events_visible_to(user).values("pk")).first()
    if event is None:
        raise Http404
    return event


def can_view_event(user, event) -> bool:
    return events_visible_to(user).filter(pk=event.pk).exists()


def can_manage_events(user) -> bool:
    """Create, change, copy, publish, cancel: the team's work."""
    return is_team(user)


def can_view_participants(user, event) -> bool:
    """Names and contact data of the people registered for `event`.

    Always needs a code-confirmed login (two factors), also for partners.
    """
    if not is_verified(user):
        return False
    if is_team(user):
        return True
    if is_trainer(user):
        return can_view_event(user, event)
    if is_partner(user):
        return event.partners_may_see_names and can_view_event(user, event)
    return False


def can_view_participant_counts(user, event) -> bool:
    return can_view_event(user, event)


def can_export_participants(user, event) -> bool:
    """Exports leave the platform: team only."""
    return is_team(user) and is_verified(user) and can_view_event(user, event)


# --- Participants, check-in, documents, feedback (participants, documents, feedback apps) ---
def can_manage_participants(user, event) -> bool:
    """Add by hand, change, cancel, promote, write to them, send certificates: the team's work."""
    return is_team(user) and is_verified(user) and can_view_event(user, event)


def can_check_in(user, event) -> bool:
    """At the door: the team and the event's own trainers (who also print the Teilnahmeliste)."""
    if not is_verified(user):
        return False
    if is_team(user):
        return True
    return is_trainer(user) and can_view_event(user, event)


def can_read_feedback(user) -> bool:
    """Survey results (anonymous, but free text can still name people): team only."""
    return is_team(user) and is_verified(user)
