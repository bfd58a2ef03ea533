"""The registrations app, seen from the back office: counts, mails on change and cancel, copying.

Kept in one module so the back office works (with capacity only) where registrations is absent.
"""

from django.apps import apps


def registrations_installed():
    return apps.is_installed("registrations")


def with_counts(queryset):
    """Annotate confirmed_count, pending_count, waiting_count (0 without the registrations app)."""
    if not registrations_installed():
        from django.db.models import Value

        return queryset.annotate(confirmed_count=Value(0), pending_count=Value(0), waiting_count=Value(0))
    from registrations.queries import with_registration_counts

    return with_registration_counts(queryset)


def cancel_registrations(*, event):
    """Cancel the event (and its modules) and inform everyone registered through the outbox.

    Returns the number of people informed."""
    if registrations_installed():
        from registrations.services import cancel_event

        return cancel_event(event=event)
    return None


def notify_changed(*, event):
    if registrations_installed():
        from registrations.services import notify_event_changed

        return notify_event_changed(event=event)
    return None


def _copy_rows(rows, **changes):
    for row in rows:
        row.pk = None
        row.id = None
        for name, value in changes.items():
            setattr(row, name, value)
        row._state.adding = True
        row.save()


def copy_registration_setup(*, source, target):
    """Registration questions and settings travel with a copied event.

    Uses `registrations.services.copy_registration_setup` when that app offers it; until then
    the rows are copied here field by field (they hold no personal data)."""
    if not registrations_installed():
        return
    from registrations import services

    offered = getattr(services, "copy_registration_setup", None)
    if offered is not None:
        offered(source=source, target=target)
        return
    from registrations.models import Question, RegistrationSettings

    _copy_rows(Question.objects.filter(event=source), event=target)
    _copy_rows(RegistrationSettings.objects.filter(event=source), event=target)
