"""Writes: the programme (team) and workshop places (people). One transaction each.

Workshop capacity rule (the same as for event seats in `registrations.services`): places in a
conference's workshops are only taken or given back while the rows of all its sessions are
locked (`SELECT … FOR UPDATE`, in id order so two transactions never deadlock; on SQLite every
write transaction is already serialised). `_allocate` and `fill_workshop` are the only two
functions that hand out workshop places.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from sepaxml import SepaTransfer

from audit.services import record
from conferences.models import (
    Badge,
    Choice,
    Conference,
    PaymentBatch,
    Receipt,
    Reimbursement,
    Room,
    Session,
    Slot,
    Speaker,
)
from conferences.queries import figures
from mail.services import queue_mail
from participants import services as participant_services
from registrations.models import Booking, Registration
from registrations.tokens import personal_token


class Stale(Exception):
    """Someone else saved the same record meanwhile (optimistic locking)."""


class NoPlace(Exception):
    """The workshop has no free place (a change through the personal link needs one)."""


def _lock(conference):
    return {s.pk: s for s in Session.objects.select_for_update().filter(conference=conference).order_by("pk")}


# --- Mails ------------------------------------------------------------------------------------


def _programme_url(registration):
    with translation.override(registration.language):
        path = reverse("conferences:my_programme", kwargs={"token": personal_token(registration)})
    return f"{settings.SITE_URL}{path}"


def _mail(registration, name, **context):
    if not registration.has_address:
        return
    queue_mail(
        to=registration.email,
        template=f"conferences/mail/{name}",
        context={
            "registration": registration,
            "offer": registration.event,
            "programme_url": _programme_url(registration),
            **context,
        },
        language=registration.language,
        erase_body_after_send=True,
        belongs_to=registration.outbox_key,
    )


# --- Workshop places -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Placed:
    """What happened to one wish: the workshop the person got (or waits for), and how."""

    slot: Slot
    session: Session
    status: str
    second_choice: bool = False


def _has_room(session, counts):
    return not counts[session.pk].full


def holds_seat(registration, conference):
    """Workshop places follow event seats: only a registration whose booking for the conference's event
    takes a seat (held until the address is confirmed, confirmed, or offered) may hold workshop places."""
    return Booking.objects.filter(
        registration=registration, event_id=conference.event_id, status__in=Booking.TAKEN
    ).exists()


def _allocate(*, registration, slot, first, second, now):
    """A place in `first`, else in `second`, else a spot on `first`'s waiting list. Call under the lock."""
    counts = figures([s for s in (first, second) if s])
    if _has_room(first, counts):
        status, session, fallback = Choice.Status.PLACE, first, False
    elif second and _has_room(second, counts):
        status, session, fallback = Choice.Status.PLACE, second, True
    else:
        status, session, fallback = Choice.Status.WAITING, first, False
    Choice.objects.create(
        registration=registration, slot=slot, session=session, status=status, got_second_choice=fallback, created_at=now
    )
    return Placed(slot=slot, session=session, status=status, second_choice=fallback)


def _wait_for_seat(*, registration, slot, first, second, now):
    """The person is on the event's waiting list: the wish is kept (pending), it takes nothing yet."""
    Choice.objects.create(
        registration=registration,
        slot=slot,
        session=first,
        second_session=second,
        status=Choice.Status.PENDING,
        created_at=now,
    )
    return Placed(slot=slot, session=first, status=Choice.Status.PENDING)


def choose_at_registration(*, registration, data, now):
    """Answer to `registration_created`: the workshop wishes from the form, in arrival order. Someone
    who got no event seat (waiting list) keeps the wishes pending until `seat_given`."""
    conference = Conference.objects.filter(event=registration.event, published=True).first()
    if conference is None:
        return []
    if "badge_name" in data:
        Badge.objects.create(
            registration=registration,
            name_style=data["badge_name"] or Badge.NameStyle.FULL,
            pronouns=data.get("badge_pronouns") or "",
        )
    locked = _lock(conference)
    seated = holds_seat(registration, conference)
    results = []
    for slot in Slot.objects.filter(conference=conference).order_by("start", "id"):
        first = locked.get(_pk(data.get(f"workshop_{slot.pk}")))
        second = locked.get(_pk(data.get(f"workshop_{slot.pk}_second")))
        if first is None or first.slot_id != slot.pk or not first.is_workshop:
            continue
        if second is not None and (second.slot_id != slot.pk or second.pk == first.pk or not second.is_workshop):
            second = None
        place = _allocate if seated else _wait_for_seat
        results.append(place(registration=registration, slot=slot, first=first, second=second, now=now))
    return results


def seat_given(*, bookings):
    """Answer to `waitlist_promoted` and `registration_confirmed`: people who now hold an event seat get
    their pending workshop wishes allocated, person by person in the order the seats were given (each
    joins a full workshop's waiting list behind those who already held a seat). Inside the event lock."""
    now = timezone.now()
    for booking in bookings:
        if booking.status not in Booking.TAKEN:
            continue
        conference = Conference.objects.filter(event=booking.event_id).first()
        if conference is None:
            continue
        # Lock before reading: a swap through the personal link may be writing a pending wish right now.
        locked = _lock(conference)
        pending = list(
            Choice.objects.pending()
            .filter(registration=booking.registration_id, slot__conference=conference)
            .select_related("slot", "registration__event")
            .order_by("slot__start", "id")
        )
        if not pending:
            continue
        Choice.objects.filter(pk__in=[c.pk for c in pending]).update(status=Choice.Status.CHANGED, ended_at=now)
        results = []
        for wish in pending:
            first, second = locked.get(wish.session_id), locked.get(wish.second_session_id)
            if first is None:
                first, second = second, None
            if first is None:
                continue  # both workshops were deleted meanwhile; the person was told and chooses again
            results.append(
                _allocate(registration=wish.registration, slot=wish.slot, first=first, second=second, now=now)
            )
        if results:
            _mail(pending[0].registration, "workshops_allocated", results=results)


def _pk(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _promote(session, now):
    """Free places of one workshop go to its waiting list in arrival order. Someone who held a place in
    another workshop of the slot (a swap) moves: returns the promoted choices and the sessions they left."""
    count = figures([session])[session.pk]
    free = count.waiting if count.left is None else min(count.left, count.waiting)
    if free <= 0:
        return [], []
    promoted = list(
        Choice.objects.waiting().filter(session=session).select_related("registration__event").order_by("id")[:free]
    )
    left = []
    for choice in promoted:
        old = (
            Choice.objects.placed()
            .filter(registration=choice.registration_id, slot=choice.slot_id)
            .select_related("session")
            .first()
        )
        if old is not None:
            Choice.objects.filter(pk=old.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            left.append(old.session)
        choice.status = Choice.Status.PLACE
        choice.save(update_fields=["status"])
        _mail(choice.registration, "moved_up", session=session, left=old.session if old else None)
    return promoted, [s for s in left if s is not None]


def fill_workshop(*, session, now=None):
    """Give free places in a workshop to the first people on its waiting list, in arrival order; a place
    left behind by someone who swapped goes on to the next in line there, and so on."""
    now = now or timezone.now()
    promoted = []
    with transaction.atomic():
        _lock(session.conference_id)
        todo = [session.pk]
        while todo:
            current = Session.objects.select_related("room", "slot").get(pk=todo.pop(0))
            moved, left = _promote(current, now)
            promoted += moved
            todo += [s.pk for s in left]
    return promoted


@dataclass(frozen=True)
class Swap:
    """What a change through the personal link did: `status` of the wish for `session` (place, waiting
    or pending), and the workshop the person keeps meanwhile (`kept`, only while waiting)."""

    session: Session
    status: str
    kept: Session | None = None


def change_choice(*, registration, session, now=None):
    """The person picks another workshop of the same slot through the personal link. A free place is
    taken at once (the old place goes to the first person waiting there). A full workshop puts them on
    its waiting list, keeping their current place until they move up. Without an event seat the wish
    stays pending. Choosing the workshop they are in withdraws a waiting spot. Raises NoPlace for a
    session that is not a workshop, or when the registration ended meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(session.conference_id)
        session = locked[session.pk]
        if not session.is_workshop or not Registration.objects.filter(pk=registration.pk, is_active=True).exists():
            raise NoPlace
        mine = {c.status: c for c in Choice.objects.active().filter(registration=registration, slot=session.slot_id)}
        place, waiting, pending = (mine.get(s) for s in Choice.ACTIVE)
        if not holds_seat(registration, session.conference):
            if pending:
                Choice.objects.filter(pk=pending.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            _wait_for_seat(registration=registration, slot=session.slot, first=session, second=None, now=now)
            return Swap(session=session, status=Choice.Status.PENDING)
        if place and place.session_id == session.pk:
            if waiting:
                Choice.objects.filter(pk=waiting.pk).update(status=Choice.Status.CHANGED, ended_at=now)
            return Swap(session=session, status=Choice.Status.PLACE)
        kept = locked.get(place.session_id) if place else None
        if waiting and waiting.session_id == session.pk:
            return Swap(session=session, status=Choice.Status.WAITING, kept=kept)
        if waiting:
            Choice.objects.filter(pk=waiting.pk).update(status=Choice.Status.CHANGED, ended_at=now)
        if not _has_room(session, figures([session])):
            Choice.objects.create(
                registration=registration,
                slot=session.slot,
                session=session,
                status=Choice.Status.WAITING,
                created_at=now,
            )
            return Swap(session=session, status=Choice.Status.WAITING, kept=kept)
        if place:
            Choice.objects.filter(pk=place.pk).update(status=Choice.Status.CHANGED, ended_at=now)
        Choice.objects.create(
            registration=registration, slot=session.slot, session=session, status=Choice.Status.PLACE, created_at=now
        )
        if place and place.session_id:
            fill_workshop(session=locked[place.session_id], now=now)
    return Swap(session=session, status=Choice.Status.PLACE)


def end_choices(*, registration, now):
    """Answer to `registration_ended`: every workshop place, waiting spot and pending wish is given back;
    freed places are refilled."""
    conference = Conference.objects.filter(event=registration.event_id).first()
    if conference is None:
        return 0
    _lock(conference)  # before reading, so a swap at the same moment is either seen or sees the end
    choices = list(Choice.objects.active().filter(registration=registration).select_related("session"))
    if not choices:
        return 0
    Choice.objects.filter(pk__in=[c.pk for c in choices]).update(status=Choice.Status.ENDED, ended_at=now)
    for choice in choices:
        if choice.status == Choice.Status.PLACE and choice.session_id:
            fill_workshop(session=choice.session, now=now)
    return len(choices)


# --- Programme (team) -----------------------------------------------------------------------------


def create_conference(*, actor, event, request=None):
    with transaction.atomic():
        conference, created = Conference.objects.get_or_create(event=event, defaults={"acronym": event.slug[:40]})
        if created:
            record(actor=actor, action="conference.created", target=conference, request=request)
    return conference


def set_published(*, actor, conference, published, request=None):
    with transaction.atomic():
        Conference.objects.filter(pk=conference.pk).update(published=published, version=conference.version + 1)
        record(
            actor=actor,
            action="conference.published" if published else "conference.unpublished",
            target=conference,
            request=request,
        )


AUDIT_CODES = {
    Room: "conference.room_saved",
    Slot: "conference.slot_saved",
    Speaker: "conference.speaker_saved",
    Session: "conference.session_saved",
}


class Gone(Exception):
    """Someone else deleted the record meanwhile."""


def save_item(*, actor, form, conference, request=None):
    """Create or edit a room, slot, speaker or session. Optimistic locking on `version`: the form
    carries the version it was read at; if someone saved since, raises Stale (deleted since: Gone)
    and nothing changes. More places in a workshop (or its room) go to its waiting list at once."""
    with transaction.atomic():
        _lock(conference)  # sessions first, in the order every writer takes them (no deadlock with fills)
        item = form.instance
        if item.pk:
            model = type(item)
            current = model.objects.select_for_update().filter(pk=item.pk).order_by("pk").first()
            if current is None:
                raise Gone
            if current.version != form.cleaned_data["version"]:
                raise Stale
            item.version = current.version + 1
        item.conference = conference
        item = form.save()
        record(actor=actor, action=AUDIT_CODES[type(item)], target=item, request=request)
        if isinstance(item, Session | Room):
            sessions = [item] if isinstance(item, Session) else list(item.sessions.all())
            for session in sessions:
                if session.is_workshop:
                    fill_workshop(session=session)
    return item


def delete_session(*, actor, session, version=None, now=None, request=None):
    """Remove a programme item. Everyone who chose it is told by mail and asked to choose again; the
    choices stay (status removed) so the personal page shows what to do. With `version` (the one the
    team member saw), raises Stale if someone changed it since, Gone if it was deleted already."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock(session.conference_id)
        current = Session.objects.filter(pk=session.pk).first()
        if current is None:
            raise Gone
        if version is not None and current.version != version:
            raise Stale
        affected = list(Choice.objects.active().filter(session=session).select_related("registration__event"))
        Choice.objects.filter(pk__in=[c.pk for c in affected]).update(status=Choice.Status.REMOVED, ended_at=now)
        kept = {
            c.registration_id: c.session
            for c in Choice.objects.placed()
            .filter(registration__in=[c.registration_id for c in affected], slot=session.slot_id)
            .exclude(session=session)
            .select_related("session")
        }
        for choice in affected:
            # Someone who only waited to swap into it keeps their place, and is told so.
            _mail(choice.registration, "workshop_removed", title=session.title, kept=kept.get(choice.registration_id))
        record(
            actor=actor,
            action="conference.session_deleted",
            target=session,
            details={"choices": len(affected)},
            request=request,
        )
        session.delete()
    return len(affected)


def delete_item(*, actor, item, request=None):
    """Delete a room, slot or speaker that nothing uses (rooms and slots in use are protected)."""
    with transaction.atomic():
        record(
            actor=actor,
            action="conference.item_deleted",
            target=item,
            details={"kind": type(item).__name__},
            request=request,
        )
        item.delete()


def check_in(*, actor, choice, present, now=None, request=None):
    now = now or timezone.now()
    with transaction.atomic():
        Choice.objects.filter(pk=choice.pk).update(checked_in_at=now if present else None)
        record(
            actor=actor,
            action="conference.checked_in" if present else "conference.check_in_undone",
            target=choice,
            request=request,
        )


def print_badges(*, actor, event, registrations, request=None, now=None):
    """Note the badges as printed (for "only those added since the last print"); audited."""
    now = now or timezone.now()
    with transaction.atomic():
        for registration in registrations:
            Badge.objects.update_or_create(registration=registration, defaults={"printed_at": now})
        record(
            actor=actor,
            action="conference.badges_printed",
            target=event,
            details={"count": len(registrations)},
            request=request,
        )


def check_in_from_badge(*, actor, registration, request=None):
    """The badge's QR code was scanned at the door: the person is present at the event (idempotent)."""
    booking = registration.bookings.filter(status__in=Booking.TAKEN).order_by("id").first()
    if booking is None:
        return False
    return participant_services.check_in(actor=actor, booking=booking, request=request)


# --- Travel-cost reimbursement ----------------------------------------------------------------


class NotEligible(Exception):
    """The person may not (or no longer) ask for reimbursement; the message says why."""


def reimbursement_refusal(registration, conference):
    """Why this person cannot ask for travel costs now, or None."""
    if not conference.offers_reimbursement:
        return _("Für diese Veranstaltung werden keine Fahrtkosten erstattet.")
    if not registration.bookings.filter(attended=True).exists():
        return _("Fahrtkosten können Sie beantragen, sobald Sie beim Einlass als anwesend eingetragen sind.")
    if Reimbursement.objects.filter(registration=registration).exists():
        return _("Sie haben Ihre Fahrtkosten bereits beantragt.")
    return None


def submit_reimbursement(*, registration, conference, form, now=None):
    """The person asks for their travel costs (personal link), with receipts and bank details."""
    now = now or timezone.now()
    with transaction.atomic():
        Registration.objects.select_for_update().filter(pk=registration.pk).first()
        refusal = reimbursement_refusal(registration, conference)
        if refusal:
            raise NotEligible(refusal)
        data = form.cleaned_data
        reimbursement = Reimbursement.objects.create(
            conference=conference,
            registration=registration,
            route=data["route"],
            transport=data["transport"],
            amount=data["amount"],
            iban=data["iban"],
            account_holder=data["account_holder"],
            submitted_at=now,
        )
        for upload, content_type in form.receipts():
            Receipt.objects.create(
                reimbursement=reimbursement, file=upload, content_type=content_type, size=upload.size
            )
        record(actor=None, action="reimbursement.submitted", target=reimbursement)
    return reimbursement


def decide_reimbursement(*, actor, reimbursement, decision, approved_amount, reason, version, now=None, request=None):
    """Approve fully, partly (with a reason) or reject (with a reason); the person is told by mail.
    Raises Stale if someone decided meanwhile."""
    now = now or timezone.now()
    with transaction.atomic():
        current = (
            Reimbursement.objects.select_for_update().select_related("registration__event").get(pk=reimbursement.pk)
        )
        if current.version != version or not current.decidable:
            raise Stale
        current.status = decision
        current.approved_amount = {
            Reimbursement.Status.APPROVED: current.amount,
            Reimbursement.Status.PARTLY: approved_amount,
            Reimbursement.Status.REJECTED: None,
        }[decision]
        current.reason = reason if decision != Reimbursement.Status.APPROVED else ""
        current.decided_at = now
        current.version += 1
        current.save()
        _mail(current.registration, "reimbursement_decided", reimbursement=current)
        action = {
            Reimbursement.Status.APPROVED: "reimbursement.approved",
            Reimbursement.Status.PARTLY: "reimbursement.partly",
            Reimbursement.Status.REJECTED: "reimbursement.rejected",
        }[decision]
        record(actor=actor, action=action, target=current, request=request)
    return current


def export_payments(*, actor, conference, now=None, request=None):
    """The approved payments that are in no SEPA file yet go into a new one (pain.001.001.03), kept as
    a `PaymentBatch` for downloading again. They are not paid yet: `confirm_paid` says so once the bank
    executed the file. Returns the batch, or None when nothing is due.

    Two team members exporting at once: the conference row is locked first, so the second export
    waits and then finds nothing due; the conditional update is the last guard (never one payment
    in two files)."""
    now = now or timezone.now()
    with transaction.atomic():
        Conference.objects.select_for_update().filter(pk=conference.pk).first()
        due = list(
            Reimbursement.objects.select_for_update()
            .filter(conference=conference, status__in=Reimbursement.DUE, batch__isnull=True, approved_amount__gt=0)
            .order_by("id")
        )
        if not due:
            return None
        config = {
            "name": settings.REIMBURSEMENT_DEBTOR_NAME,
            "IBAN": settings.REIMBURSEMENT_DEBTOR_IBAN,
            "BIC": settings.REIMBURSEMENT_DEBTOR_BIC,
            "batch": True,
            "currency": "EUR",
        }
        sepa = SepaTransfer(config, schema="pain.001.001.03", clean=True)
        for reimbursement in due:
            sepa.add_payment(
                {
                    "name": reimbursement.account_holder,
                    "IBAN": reimbursement.iban,
                    "amount": int(reimbursement.approved_amount * 100),
                    "execution_date": timezone.localdate(now),
                    "description": f"Fahrtkosten {conference.event.title}"[:140],
                    "endtoend_id": f"SFI-FK-{reimbursement.pk}",
                }
            )
        xml = sepa.export(validate=True)
        last = PaymentBatch.objects.filter(conference=conference).aggregate(n=models.Max("number"))["n"] or 0
        batch = PaymentBatch.objects.create(
            conference=conference,
            number=last + 1,
            created_at=now,
            created_by=actor,
            count=len(due),
            total=sum(r.approved_amount for r in due),
            xml=xml.decode("utf-8"),
        )
        taken = Reimbursement.objects.filter(
            pk__in=[r.pk for r in due], status__in=Reimbursement.DUE, batch__isnull=True
        ).update(status=Reimbursement.Status.EXPORTED, batch=batch, version=models.F("version") + 1)
        if taken != len(due):
            raise RuntimeError("A payment changed while it was being exported; nothing was exported.")
        record(
            actor=actor,
            action="reimbursement.exported",
            target=conference,
            details={"batch": batch.number, "count": len(due)},
            request=request,
        )
    return batch


class AlreadyConfirmed(Exception):
    """The batch was confirmed as paid before (by someone else, or a double click)."""


def confirm_paid(*, actor, batch, paid_on, now=None, request=None):
    """The team saw the bank execute the SEPA file: its payments are paid (on `paid_on`), and each person
    is told by mail. Raises AlreadyConfirmed when the batch was confirmed before."""
    now = now or timezone.now()
    with transaction.atomic():
        batch = PaymentBatch.objects.select_for_update().select_related("conference__event").get(pk=batch.pk)
        if batch.paid_on is not None:
            raise AlreadyConfirmed
        batch.paid_on, batch.confirmed_at, batch.confirmed_by = paid_on, now, actor
        batch.save(update_fields=["paid_on", "confirmed_at", "confirmed_by"])
        payments = list(
            Reimbursement.objects.select_for_update()
            .filter(batch=batch, status=Reimbursement.Status.EXPORTED)
            .select_related("registration__event")
        )
        Reimbursement.objects.filter(pk__in=[r.pk for r in payments]).update(
            status=Reimbursement.Status.PAID, paid_at=now, version=models.F("version") + 1
        )
        for payment in payments:
            _mail(payment.registration, "reimbursement_paid", reimbursement=payment, paid_on=paid_on)
        record(
            actor=actor,
            action="reimbursement.paid",
            target=batch.conference,
            details={"batch": batch.number, "count": len(payments), "paid_on": paid_on.isoformat()},
            request=request,
        )
    return batch


BANK_DATA_VIEWS = {
    "list_viewed": "reimbursement.list_viewed",
    "viewed": "reimbursement.viewed",
    "receipt_viewed": "reimbursement.receipt_viewed",
    "xlsx_exported": "reimbursement.xlsx_exported",
    "batch_downloaded": "reimbursement.batch_downloaded",
}


def record_bank_data_view(*, actor, target, what, request=None):
    """Every look at bank details or receipts goes into the audit log."""
    record(actor=actor, action=BANK_DATA_VIEWS[what], target=target, request=request)


def set_reimbursement_offered(*, actor, conference, offered, request=None):
    with transaction.atomic():
        Conference.objects.filter(pk=conference.pk).update(offers_reimbursement=offered)
        record(
            actor=actor,
            action="reimbursement.offered" if offered else "reimbursement.withdrawn",
            target=conference,
            request=request,
        )
