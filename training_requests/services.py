"""Writes on training requests: submit, confirm, state changes, assignment, notes, messages, the
step to a draft event and the event's feedback, anonymisation.

Every function runs in one transaction and records an audit entry (ids only); mails go through
the outbox (`training_requests.mails`). The team's changes carry the version they saw
(`expected_version`): when someone else changed the request in between, `EditConflict` is raised
and nothing is written. Impossible state changes raise `TransitionRefused` with the reason.
"""

from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from events.models import Event, Venue
from events.services import create_event
from mail.services import erase_mails
from training_requests import mails
from training_requests.models import Message, Note, StateChange, TrainingRequest

State = TrainingRequest.State

# Which state may follow which; everything else is refused with a reason.
TRANSITIONS = {
    State.NEW: (State.DISCUSSION, State.PLANNED, State.DECLINED, State.WITHDRAWN),
    State.DISCUSSION: (State.PLANNED, State.DECLINED, State.WITHDRAWN),
    State.PLANNED: (State.HELD, State.DISCUSSION, State.WITHDRAWN),
    State.HELD: (),
    State.DECLINED: (),
    State.WITHDRAWN: (),
}


class TransitionRefused(Exception):
    def __init__(self, reason):
        self.reason = str(reason)
        super().__init__(self.reason)


class EditConflict(Exception):
    """Someone changed the request after this page was opened; carries the current row."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"request {current.pk} is at version {current.version}")


def transition_problem(training_request, to_state, *, reason=""):
    """Why `to_state` cannot follow the request's state now (a sentence), or None."""
    current = training_request.state
    if current == to_state:
        return _("Die Anfrage hat diesen Stand bereits.")
    if training_request.anonymised_at is not None:
        return _("Die Anfrage ist anonymisiert und kann nicht mehr geändert werden.")
    if to_state not in TRANSITIONS[current]:
        if current in TrainingRequest.CLOSED:
            return _("Die Anfrage ist abgeschlossen (%(state)s); ihr Stand ändert sich nicht mehr.") % {
                "state": training_request.get_state_display()
            }
        if to_state == State.HELD:
            return _("Durchgeführt kann eine Anfrage erst sein, wenn sie geplant ist.")
        return _("Von „%(from)s“ geht es nicht zu „%(to)s“.") % {
            "from": training_request.get_state_display(),
            "to": State(to_state).label,
        }
    if to_state == State.DECLINED and not reason.strip():
        return _("Bitte begründen Sie die Absage; die anfragende Person liest die Begründung.")
    if to_state in (State.PLANNED, State.HELD) and training_request.event_id is None:
        return _("Planen Sie zuerst ein Angebot aus dieser Anfrage („Als Angebot planen“).")
    return None


def _locked(training_request, expected_version=None):
    current = TrainingRequest.objects.select_for_update().get(pk=training_request.pk)
    if expected_version is not None and current.version != expected_version:
        raise EditConflict(current)
    return current


def _save(training_request, *fields):
    training_request.version += 1
    training_request.save(update_fields=[*fields, "version", "updated_at"])


def _change_state(training_request, to_state, *, actor=None, by_requester=False, reason=""):
    problem = transition_problem(training_request, to_state, reason=reason)
    if problem:
        raise TransitionRefused(problem)
    now = timezone.now()
    StateChange.objects.create(
        request=training_request,
        from_state=training_request.state,
        to_state=to_state,
        actor=actor,
        by_requester=by_requester,
        reason=reason.strip(),
        at=now,
    )
    training_request.state = to_state
    training_request.state_changed_at = now
    training_request.closed_at = now if to_state in TrainingRequest.CLOSED else None
    if to_state == State.DECLINED:
        training_request.decline_reason = reason.strip()
    _save(training_request, "state", "state_changed_at", "closed_at", "decline_reason")
    mails.state_changed(training_request)


# --- The requester ---------------------------------------------------------------------------


def _fill(form, *, language, partner_user=None):
    training_request = form.save(commit=False)
    training_request.language = language
    if hasattr(form, "consent"):
        for name, value in form.consent().as_fields().items():
            setattr(training_request, name, value)
    if partner_user is not None:
        training_request.partner_organisation = partner_user.partner_organisation
        training_request.submitted_by = partner_user
        training_request.email_confirmed_at = timezone.now()
    training_request.save()
    form.save_m2m()
    StateChange.objects.create(request=training_request, to_state=State.NEW, by_requester=True, at=timezone.now())
    return training_request


@transaction.atomic
def submit_request(*, form, language):
    """The public form: the request waits for the address confirmation before the team sees it."""
    training_request = _fill(form, language=language)
    record(actor=None, action="training_request.submitted", target=training_request)
    mails.confirm_address(training_request)
    return training_request


@transaction.atomic
def submit_partner_request(*, form, user, language, request=None):
    """A partner account's request: no confirmation needed, the account's address is known."""
    training_request = _fill(form, language=language, partner_user=user)
    record(actor=user, action="training_request.submitted", target=training_request, request=request)
    mails.received(training_request)
    return training_request


@transaction.atomic
def confirm_address(*, training_request):
    """Confirm once; a second confirmation changes nothing and sends nothing."""
    current = _locked(training_request)
    if current.email_confirmed_at is not None:
        return current, False
    current.email_confirmed_at = timezone.now()
    _save(current, "email_confirmed_at")
    record(actor=None, action="training_request.confirmed", target=current)
    mails.received(current)
    return current, True


@transaction.atomic
def withdraw(*, training_request):
    current = _locked(training_request)
    _change_state(current, State.WITHDRAWN, by_requester=True)
    record(actor=None, action="training_request.withdrawn", target=current)
    return current


@transaction.atomic
def requester_reply(*, training_request, body):
    current = _locked(training_request)
    if current.is_closed:
        raise TransitionRefused(_("Die Anfrage ist abgeschlossen; Nachrichten sind nicht mehr möglich."))
    message = Message.objects.create(request=current, from_team=False, body=body, created_at=timezone.now())
    _save(current)
    record(actor=None, action="training_request.replied", target=current)
    return message


# --- The team --------------------------------------------------------------------------------


@transaction.atomic
def change_state(*, actor, training_request, to_state, expected_version, reason="", request=None):
    current = _locked(training_request, expected_version)
    from_state = current.state
    _change_state(current, to_state, actor=actor, reason=reason)
    details = {"from": from_state, "to": to_state}
    record(actor=actor, action="training_request.state_changed", target=current, details=details, request=request)
    return current


@transaction.atomic
def assign(*, actor, training_request, assignee, expected_version, request=None):
    current = _locked(training_request, expected_version)
    current.assignee = assignee
    _save(current, "assignee")
    details = {"assignee": assignee.pk if assignee else None}
    record(actor=actor, action="training_request.assigned", target=current, details=details, request=request)
    return current


@transaction.atomic
def add_note(*, actor, training_request, body, request=None):
    """Notes only add a line: two people writing at once both keep theirs."""
    note = Note.objects.create(request=training_request, author=actor, body=body, created_at=timezone.now())
    record(actor=actor, action="training_request.note_added", target=training_request, request=request)
    return note


@transaction.atomic
def send_message(*, actor, training_request, body, request=None):
    current = _locked(training_request)
    message = Message.objects.create(
        request=current, from_team=True, author=actor, body=body, created_at=timezone.now()
    )
    _save(current)
    mails.team_message(current, message)
    record(actor=actor, action="training_request.message_sent", target=current, request=request)
    return message


def mark_read(*, actor, training_request, up_to, now=None):
    """The requester's unread replies up to message id `up_to` (the newest one the team member was
    shown; a reply that arrived since stays unread) count as read by `actor`. One conditional
    UPDATE: two team members opening the request at once mark each reply once, and the version
    stays (reading is no edit that should make someone else's open form stale). Returns how many
    were unread."""
    unread = Message.objects.filter(request=training_request.pk, from_team=False, read_at__isnull=True)
    return unread.filter(pk__lte=up_to).update(read_at=now or timezone.now(), read_by=actor)


def _event_title(training_request):
    topics = list(training_request.topics.all()[:1])
    subject = topics[0].name if topics else _("Unterstützer_innenschulung")
    return f"{subject} in {training_request.municipality.name}"


def _first_window(training_request):
    windows = training_request.windows
    if not windows:
        return None, None
    day = windows[0][0]
    start = timezone.make_aware(datetime.combine(day, time(9, 0)))
    return start, timezone.make_aware(datetime.combine(day, time(16, 0)))


@transaction.atomic
def plan_event(*, actor, training_request, expected_version, request=None):
    """ "Als Angebot planen": a draft event filled from the request, linked both ways."""
    current = _locked(training_request, expected_version)
    if current.event_id is not None:
        raise TransitionRefused(_("Aus dieser Anfrage ist schon ein Angebot geplant."))
    if current.is_closed:
        raise TransitionRefused(
            _("Die Anfrage ist abgeschlossen (%(state)s); aus ihr wird kein Angebot mehr geplant.")
            % {"state": current.get_state_display()}
        )
    start, end = _first_window(current)
    summary = _("Schulung auf Anfrage von %(organisation)s (%(kind)s) in %(place)s.") % {
        "organisation": current.organisation,
        "kind": current.get_kind_display(),
        "place": current.municipality.name,
    }
    event = Event(
        kind=Event.Kind.TRAINING,
        title=_event_title(current),
        summary=summary[:400],
        start=start,
        end=end,
        capacity=current.expected_participants,
        venue=Venue.objects.filter(municipality=current.municipality_id).order_by("name", "id").first(),
    )
    partners = [current.partner_organisation_id] if current.partner_organisation_id else []
    m2m = {
        "topics": list(current.topics.values_list("pk", flat=True)),
        "target_groups": list(current.target_groups.values_list("pk", flat=True)),
        "partners": partners,
    }
    event = create_event(actor=actor, event=event, m2m=m2m, request=request)
    current.event = event
    _save(current, "event")
    if current.state == State.NEW:
        _change_state(current, State.DISCUSSION, actor=actor)
    details = {"event": event.pk}
    record(actor=actor, action="training_request.event_planned", target=current, details=details, request=request)
    return event


# --- The event's feedback (hooks, in the events' transaction) ---------------------------------

EVENT_STATUS_TO_STATE = {
    Event.Status.PUBLISHED: State.PLANNED,
    Event.Status.HELD: State.HELD,
    Event.Status.CANCELLED: State.DISCUSSION,
}


def follow_event(event, status):
    """The requests an event was planned from follow its `status`: published → planned, held →
    held, cancelled → in discussion. Returns how many requesters were told."""
    to_state = EVENT_STATUS_TO_STATE.get(status)
    told = 0
    if to_state is None:
        return told
    for current in TrainingRequest.objects.select_for_update().filter(event=event.pk).order_by("pk"):
        if current.state == to_state or transition_problem(current, to_state) is not None:
            continue
        from_state = current.state
        _change_state(current, to_state)
        details = {"from": from_state, "to": to_state, "event": event.pk}
        record(actor=None, action="training_request.state_changed", target=current, details=details)
        told += 1 if current.contact_email else 0
    return told


# --- Retention ---------------------------------------------------------------------------------


def anonymise(training_requests, *, now):
    """Blank the requester's contact data and free texts, delete the thread and the mails; the
    counted facts (state, kind, municipality, dates, topics) stay."""
    ids = list(training_requests.values_list("pk", flat=True))
    if not ids:
        return 0
    Message.objects.filter(request__in=ids).delete()
    keys = [f"training_request:{pk}" for pk in ids]
    for i in range(0, len(keys), 500):  # one SQL statement carries only so many keys
        erase_mails(belonging_to=keys[i : i + 500])
    TrainingRequest.objects.filter(pk__in=ids).update(
        contact_name="",
        contact_email="",
        contact_phone="",
        local_partners="",
        message="",
        decline_reason="",
        room_accessibility="",
        anonymised_at=now,
    )
    return len(ids)
