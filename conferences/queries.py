"""Reads with a fixed number of queries: the programme, workshop figures, clashes, a person's choices."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _

from conferences.models import Choice, Conference, PaymentBatch, Reimbursement, Session, Slot


def conference_of(event):
    """The event's conference (programme), or None."""
    return Conference.objects.filter(event=event).select_related("event__venue__municipality").first()


def published_conference(event):
    """The event's conference if its programme is published, else None. Only a Fachkonferenz has a
    programme (the back office plans one only for that kind), so other kinds read nothing. Read once per
    event object (the reverse one-to-one caches it, a missing one too): the registration form and its
    hook share it."""
    if event.kind != event.Kind.CONFERENCE:
        return None
    try:
        conference = event.conference
    except Conference.DoesNotExist:
        return None
    return conference if conference.published else None


def sessions_of(conference):
    return list(
        Session.objects.filter(conference=conference)
        .select_related("slot", "room")
        .prefetch_related("speakers")
        .order_by("slot__start", "room__position", "room_id", "id")
    )


@dataclass(frozen=True)
class Figures:
    placed: int
    waiting: int
    present: int
    places: int | None
    pending: int = 0  # wishes of people still on the event's waiting list (they take nothing)

    @property
    def left(self):
        return None if self.places is None else max(self.places - self.placed, 0)

    @property
    def full(self):
        return self.left == 0 or (self.left is not None and self.waiting > 0)


def with_figures(sessions):
    """The sessions, each with its `count` (Figures): one query."""
    counts = figures(sessions)
    for session in sessions:
        session.count = counts[session.pk]
    return sessions


def figures(sessions):
    """{session id: Figures} for the given sessions, in one query."""
    rows = (
        Choice.objects.filter(session__in=[s.pk for s in sessions], status__in=Choice.ACTIVE)
        .values("session")
        .annotate(
            placed=Count("id", filter=Q(status=Choice.Status.PLACE)),
            waiting=Count("id", filter=Q(status=Choice.Status.WAITING)),
            present=Count("id", filter=Q(status=Choice.Status.PLACE, checked_in_at__isnull=False)),
            pending=Count("id", filter=Q(status=Choice.Status.PENDING)),
        )
    )
    found = {row["session"]: row for row in rows}
    result = {}
    for session in sessions:
        row = found.get(session.pk, {})
        result[session.pk] = Figures(
            placed=row.get("placed", 0),
            waiting=row.get("waiting", 0),
            present=row.get("present", 0),
            places=session.places,
            pending=row.get("pending", 0),
        )
    return result


@dataclass
class SlotRow:
    slot: Slot
    sessions: list


@dataclass
class Day:
    date: object
    slots: list


def days(sessions, slots=None):
    """Sessions grouped by day and slot (slots without sessions kept if `slots` is given)."""
    by_slot = defaultdict(list)
    for session in sessions:
        by_slot[session.slot_id].append(session)
    if slots is None:
        slots = sorted({s.slot_id: s.slot for s in sessions}.values(), key=lambda slot: (slot.start, slot.pk))
    grouped = []
    for slot in slots:
        date = timezone.localtime(slot.start).date()
        if not grouped or grouped[-1].date != date:
            grouped.append(Day(date=date, slots=[]))
        grouped[-1].slots.append(SlotRow(slot=slot, sessions=by_slot.get(slot.pk, [])))
    return grouped


def choice_slots(conference):
    """The slots people choose a workshop in, each with its workshops: [(slot, [sessions])]."""
    workshops = (
        Session.objects.filter(kind=Session.Kind.WORKSHOP).select_related("room").order_by("room__position", "id")
    )
    slots = (
        Slot.objects.filter(conference=conference, sessions__kind=Session.Kind.WORKSHOP)
        .distinct()
        .order_by("start", "id")
        .prefetch_related(Prefetch("sessions", queryset=workshops, to_attr="workshops"))
    )
    return [(slot, slot.workshops) for slot in slots]


def clashes(sessions):
    """What would go wrong at the conference: two sessions in one room at once, a speaker in two places."""
    found = []
    for i, first in enumerate(sessions):
        for second in sessions[i + 1 :]:
            if not first.slot.overlaps(second.slot):
                continue
            if first.room_id and first.room_id == second.room_id:
                found.append(
                    _("Raum „%(room)s“: „%(a)s“ und „%(b)s“ finden gleichzeitig statt.")
                    % {"room": first.room.name, "a": first.title, "b": second.title}
                )
            shared = {s.pk: s for s in first.speakers.all()}.keys() & {s.pk for s in second.speakers.all()}
            for speaker in first.speakers.all():
                if speaker.pk in shared:
                    found.append(
                        _("%(name)s spricht gleichzeitig in „%(a)s“ und „%(b)s“.")
                        % {"name": speaker.name, "a": first.title, "b": second.title}
                    )
    return found


def choices_of(registration):
    """The person's active and removed workshop choices, with session, room and slot."""
    return list(
        Choice.objects.filter(registration=registration, status__in=[*Choice.ACTIVE, Choice.Status.REMOVED])
        .select_related("session__room", "session__slot", "slot")
        .order_by("slot__start", "id")
    )


@dataclass
class SlotChoices:
    """A person's wishes in one slot: their place (or pending wish), the workshop they wait for, and a
    removed choice (its workshop was deleted) when nothing else is left."""

    place: Choice | None = None
    waiting: Choice | None = None
    pending: Choice | None = None
    removed: Choice | None = None
    position: int | None = None

    @property
    def current(self):
        """The workshop not offered again in the swap form: the one waited for, else the one held."""
        held = self.waiting or self.place or self.pending
        return held.session_id if held else None

    @property
    def kept(self):
        """While waiting to swap: the workshop whose place the person keeps (offered as "stay here")."""
        return self.place.session_id if self.place and self.waiting else None


def slot_choices(choices, slot):
    """Sort `choices_of(registration)` for one slot into a SlotChoices (one query for a waiting position)."""
    row = SlotChoices()
    for choice in choices:
        if choice.slot_id == slot.pk:
            setattr(row, choice.status, choice)
    if row.waiting:
        row.position = waiting_position(row.waiting)
    return row


def waiting_position(choice):
    return Choice.objects.filter(session=choice.session_id, status=Choice.Status.WAITING, id__lte=choice.pk).count()


def check_in_rows(session):
    """The people with a place in a workshop, by name."""
    return list(
        Choice.objects.filter(session=session, status=Choice.Status.PLACE)
        .select_related("registration")
        .order_by("registration__name", "id")
    )


def certificate_facts(*, booking):
    """Answer to `certificate_facts`: the workshops the person was checked in at, for the certificate."""
    attended = (
        Choice.objects.filter(registration=booking.registration_id, checked_in_at__isnull=False, session__isnull=False)
        .select_related("session__slot")
        .order_by("session__slot__start")
    )
    lines = [f"{session_line(c.session)}" for c in attended]
    return [(_("Besuchte Workshops"), lines)] if lines else []


def session_line(session):
    start, end = timezone.localtime(session.slot.start), timezone.localtime(session.slot.end)
    return f"{session.localized_title} ({start:%d.%m.%Y}, {start:%H:%M}–{end:%H:%M})"


def reimbursements_of(conference):
    return list(
        Reimbursement.objects.filter(conference=conference)
        .select_related("registration", "batch")
        .annotate(receipt_count=Count("receipts"))
        .order_by("submitted_at", "id")
    )


def payment_batches(conference):
    """The conference's SEPA files, newest first, with who made and who confirmed them."""
    return list(
        PaymentBatch.objects.filter(conference=conference)
        .select_related("created_by", "confirmed_by")
        .defer("xml")
        .annotate(file_length=Length("xml"))
        .order_by("-number")
    )


def reimbursement_totals(rows):
    """Requested, approved and paid sums (kept after the bank details are erased)."""
    requested = sum((r.amount for r in rows), Decimal(0))
    approved = sum((r.payable or Decimal(0) for r in rows), Decimal(0))
    paid = sum((r.approved_amount for r in rows if r.status == Reimbursement.Status.PAID), Decimal(0))
    exported = sum((r.approved_amount for r in rows if r.status == Reimbursement.Status.EXPORTED), Decimal(0))
    return {"requested": requested, "approved": approved, "exported": exported, "paid": paid, "count": len(rows)}
