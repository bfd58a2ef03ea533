"""The team's writes on events: create, change (with optimistic locking), copy, status changes,
sessions, agenda, materials, and venues.

Every function runs in one transaction and records an audit entry (ids only). What other apps
keep about an event they learn through hooks (core.registry): `event_changed`, `event_copied`
and `event_cancelled` are announced inside the transaction, so their mails leave through the
outbox only if the change is committed.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record
from core.registry import announce
from core.slugs import unique_slug
from events.models import AgendaItem, Event, Material, Session, TargetGroup, Topic

# Fields whose change matters to people already registered.
NOTIFY_FIELDS = {"start", "end", "venue"}
M2M_FIELDS = ("topics", "target_groups", "languages", "partners", "trainers")


class StatusChangeRefused(Exception):
    """A status change that makes no sense; the message says why and what to do."""

    def __init__(self, reasons):
        self.reasons = list(reasons)
        super().__init__(" ".join(str(reason) for reason in self.reasons))


class EditConflict(Exception):
    """Someone saved the event (or a reference data item) after this form was opened; carries the current row."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"event {current.pk} is at version {current.version}")


def event_slug(title, start=None):
    suffix = f"-{timezone.localtime(start):%Y-%m-%d}" if start is not None else ""
    return unique_slug(title, Event.objects.all(), max_length=180, fallback="veranstaltung", suffix=suffix)


def _set_m2m(event, m2m):
    for name, values in (m2m or {}).items():
        getattr(event, name).set(values)


@transaction.atomic
def create_event(*, actor, event, m2m, request=None):
    """Save a new draft (`event` is an unsaved instance filled by the form)."""
    event.status = Event.Status.DRAFT
    event.slug = event_slug(event.title, event.start)
    event.version = 1
    event.save()
    _set_m2m(event, m2m)
    event.refresh_search_text()
    record(actor=actor, action="event.created", target=event, request=request)
    return event


@transaction.atomic
def update_event(*, actor, event, m2m, changed_fields, expected_version, request=None):
    """Save changes unless someone else saved in between (then EditConflict, nothing written)."""
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    event.version = current.version + 1
    event.save()
    _set_m2m(event, m2m)
    event.refresh_search_text()
    record(
        actor=actor, action="event.changed", target=event, details={"fields": sorted(changed_fields)}, request=request
    )
    if event.status == Event.Status.PUBLISHED and NOTIFY_FIELDS & set(changed_fields):
        announce("event_changed", event=event)
    return event


def _wall_clock(moment):
    return timezone.localtime(moment).replace(tzinfo=None)


def _shift(value, delta):
    """Move `value` by `delta` on the local wall clock: a session at 9:00 stays at 9:00 when the
    copy lands on the other side of a daylight-saving change."""
    if value is None:
        return None
    return timezone.make_aware(_wall_clock(value) + delta)


@transaction.atomic
def copy_event(*, actor, source, start, title="", request=None, course=None):
    """A new draft from an earlier event at a new start: texts, topics, target groups, languages,
    partners, trainers, agenda, sessions, modules (shifted by the same time) and registration questions."""
    delta = _wall_clock(start) - _wall_clock(source.start) if source.start else None
    copy = Event.objects.get(pk=source.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.title = title or source.title
    if copy.title != source.title:
        copy.title_en = ""  # the English title belonged to the old one
    copy.status = Event.Status.DRAFT
    copy.version = 1
    copy.copied_from = source
    copy.course = course if course is not None else source.course
    copy.start = start
    copy.end = _shift(source.end, delta) if delta is not None else None
    copy.registration_deadline = _shift(source.registration_deadline, delta) if delta is not None else None
    copy.slug = event_slug(copy.title, start)
    copy.save()
    for name in M2M_FIELDS:
        getattr(copy, name).set(getattr(source, name).all())
    AgendaItem.objects.bulk_create(
        AgendaItem(event=copy, time=item.time, title=item.title, title_en=item.title_en, position=item.position)
        for item in source.agenda.all()
    )
    for session in source.sessions.prefetch_related("trainers"):
        new = Session.objects.create(
            event=copy,
            title=session.title,
            start=_shift(session.start, delta) if delta is not None else session.start,
            end=_shift(session.end, delta) if delta is not None else session.end,
            venue=session.venue,
        )
        new.trainers.set(session.trainers.all())
    announce("event_copied", source=source, copy=copy)
    copy.refresh_search_text()
    for module in source.modules.all():
        module_start = _shift(module.start, delta) if (delta is not None and module.start) else start
        copy_event(actor=actor, source=module, start=module_start, course=copy, request=request)
    record(actor=actor, action="event.copied", target=copy, details={"source": source.pk}, request=request)
    return copy


# --- Status changes -----------------------------------------------------------------------
def publish_problems(event, now=None):
    """Why `event` cannot be published yet (an empty list when it can)."""
    now = now or timezone.now()
    problems = []
    if event.status != Event.Status.DRAFT:
        problems.append(
            _("Nur Entwürfe können veröffentlicht werden; diese Veranstaltung ist „%(status)s“.")
            % {"status": event.get_status_display()}
        )
    if event.start is None or event.end is None:
        problems.append(_("Es fehlen Beginn oder Ende. Tragen Sie beides unter „Bearbeiten“ ein."))
    elif event.end < now:
        problems.append(_("Die Veranstaltung liegt in der Vergangenheit. Wählen Sie ein Datum in der Zukunft."))
    if event.venue_id is None:
        problems.append(_("Es fehlt der Ort. Wählen Sie unter „Bearbeiten“ einen Veranstaltungsort."))
    if event.contact_id is None:
        problems.append(_("Es fehlt die Ansprechperson. Wählen Sie sie unter „Bearbeiten“ aus."))
    return problems


def cancel_problems(event):
    if event.status == Event.Status.HELD:
        return [_("Die Veranstaltung hat schon stattgefunden und kann nicht mehr abgesagt werden.")]
    if event.status == Event.Status.CANCELLED:
        return [_("Die Veranstaltung ist bereits abgesagt.")]
    return []


def held_problems(event, now=None):
    now = now or timezone.now()
    if event.status != Event.Status.PUBLISHED:
        return [
            _("Nur veröffentlichte Veranstaltungen können als durchgeführt markiert werden; diese ist „%(status)s“.")
            % {"status": event.get_status_display()}
        ]
    if event.end is None or event.end > now:
        return [_("Die Veranstaltung ist noch nicht zu Ende. Markieren Sie sie nach dem Ende als durchgeführt.")]
    return []


def _locked(event):
    return Event.objects.select_for_update().get(pk=event.pk)


def _set_status(event, status):
    Event.objects.filter(pk=event.pk).update(status=status, version=F("version") + 1, updated_at=timezone.now())
    event.refresh_from_db(fields=["status", "version", "updated_at"])


@transaction.atomic
def publish_event(*, actor, event, request=None):
    event = _locked(event)
    problems = publish_problems(event)
    if problems:
        raise StatusChangeRefused(problems)
    _set_status(event, Event.Status.PUBLISHED)
    record(actor=actor, action="event.published", target=event, request=request)
    announce("event_published", event=event)
    return event


@transaction.atomic
def cancel_event(*, actor, event, request=None):
    """Cancel (a course with its modules); the apps answering `event_cancelled` tell everyone concerned
    (registrations: everyone registered, by mail through the outbox). Returns (event, people told)."""
    event = _locked(event)
    problems = cancel_problems(event)
    if problems:
        raise StatusChangeRefused(problems)
    targets = [event.pk, *event.modules.values_list("pk", flat=True)]
    # Modules too, in id order (a fixed order, so two transactions never deadlock).
    list(Event.objects.select_for_update().filter(pk__in=targets).order_by("pk").values_list("pk", flat=True))
    Event.objects.filter(pk__in=targets).update(status=Event.Status.CANCELLED, updated_at=timezone.now())
    informed = sum(announce("event_cancelled", event=event))
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)
    event.refresh_from_db()
    record(actor=actor, action="event.cancelled", target=event, details={"informed": informed}, request=request)
    return event, informed


@transaction.atomic
def mark_event_held(*, actor, event, request=None):
    event = _locked(event)
    problems = held_problems(event)
    if problems:
        raise StatusChangeRefused(problems)
    _set_status(event, Event.Status.HELD)
    record(actor=actor, action="event.held", target=event, request=request)
    return event


# --- Sessions -------------------------------------------------------------------------------
@transaction.atomic
def save_session(*, actor, session, trainers, request=None):
    creating = session.pk is None
    session.save()
    session.trainers.set(trainers)
    Event.objects.filter(pk=session.event_id).update(version=F("version") + 1)
    record(
        actor=actor,
        action="event.session_saved",
        target=session.event,
        details={"session": session.pk, "new": creating},
        request=request,
    )
    return session


@transaction.atomic
def delete_session(*, actor, session, request=None):
    event, session_id = session.event, session.pk
    session.delete()
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)
    record(actor=actor, action="event.session_deleted", target=event, details={"session": session_id}, request=request)


# --- Agenda, materials, venues ----------------------------------------------------------
# Agenda and materials belong to the event's content, so they raise its version like sessions do.
def _bump(event):
    Event.objects.filter(pk=event.pk).update(version=F("version") + 1)


@transaction.atomic
def save_agenda(*, actor, event, formset, expected_version, request=None):
    """Save the agenda formset unless someone changed the event meanwhile (then EditConflict).

    Lines are renumbered 1, 2, 3 … in the order of (position typed, time), so gaps and ties vanish."""
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    deleted = [form.instance for form in formset.deleted_forms if form.instance.pk]
    for item in deleted:
        item.delete()
    kept = [
        form.instance
        for form in formset.forms
        if form not in formset.deleted_forms and (form.instance.pk or form.has_changed())
    ]
    kept.sort(key=lambda item: (item.position, item.time))
    for number, item in enumerate(kept, start=1):
        item.event = event
        item.position = number
        item.save()
    _bump(event)
    record(
        actor=actor,
        action="event.agenda_saved",
        target=event,
        details={"items": len(kept), "deleted": len(deleted)},
        request=request,
    )
    return kept


@transaction.atomic
def save_venue(*, actor, venue, request=None):
    creating = venue.pk is None
    venue.save()
    record(actor=actor, action="venue.created" if creating else "venue.changed", target=venue, request=request)
    return venue


@transaction.atomic
def add_material(*, actor, event, material, request=None):
    last = Material.objects.filter(event=event).aggregate(last=Max("position"))["last"]
    material.event = event
    material.position = (last or 0) + 1
    material.save()
    _bump(event)
    record(actor=actor, action="event.material_added", target=event, details={"material": material.pk}, request=request)
    return material


@transaction.atomic
def remove_material(*, actor, material, request=None):
    event, material_id, file = material.event, material.pk, material.file
    material.delete()
    _bump(event)
    record(
        actor=actor, action="event.material_removed", target=event, details={"material": material_id}, request=request
    )
    # The file goes only once the row is surely gone; a rolled-back delete keeps it.
    name, storage = file.name, file.storage
    transaction.on_commit(lambda: storage.delete(name))


# --- Reference data (Stammdaten) ------------------------------------------------------------
class ReferenceInUse(Exception):
    """The item is used somewhere and can only be archived, not deleted."""


# Models with a slug in public filter URLs: made once from the first name, kept on rename.
SLUG_FALLBACKS = {Topic: "thema", TargetGroup: "zielgruppe"}


@transaction.atomic
def create_reference(*, actor, item, request=None):
    model = type(item)
    if model in SLUG_FALLBACKS:
        item.slug = unique_slug(item.name, model.objects.all(), max_length=50, fallback=SLUG_FALLBACKS[model])
    item.version = 1
    item.save()
    record(actor=actor, action="reference.created", target=item, request=request)
    return item


@transaction.atomic
def update_reference(*, actor, item, changed_fields, expected_version, request=None):
    """Save the edited `item` unless someone saved it after the form was opened (then EditConflict)."""
    current = type(item).objects.select_for_update().get(pk=item.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    item.version = current.version + 1
    item.save()
    record(
        actor=actor,
        action="reference.changed",
        target=item,
        details={"fields": sorted(changed_fields)},
        request=request,
    )
    return item


@transaction.atomic
def set_reference_archived(*, actor, item, archived, request=None):
    """Archive (gone from the choices, kept by the events that have it) or bring back."""
    model = type(item)
    model.objects.filter(pk=item.pk).update(archived=archived, version=F("version") + 1)
    item.refresh_from_db(fields=["archived", "version"])
    action = "reference.archived" if archived else "reference.unarchived"
    record(actor=actor, action=action, target=item, request=request)
    return item


@transaction.atomic
def delete_reference(*, actor, item, usage, request=None):
    """Delete an unused item; `usage(item)` counts where it is used (ReferenceInUse when anywhere)."""
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if usage(item):
        raise ReferenceInUse(item)
    record(actor=actor, action="reference.deleted", target=item, request=request)
    item.delete()


def combine_local(day, clock):
    return timezone.make_aware(datetime.combine(day, clock))
