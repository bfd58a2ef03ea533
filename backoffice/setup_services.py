"""The team's writes on an event's agenda and materials, and on venues.

Each function runs in one transaction and records an audit entry (ids only). Agenda and
materials belong to the event's content, so they raise its version like sessions do.
"""

from django.db import transaction
from django.db.models import F, Max

from audit.services import record
from backoffice.services import EditConflict
from events.models import Event, Material


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
