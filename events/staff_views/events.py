from types import SimpleNamespace

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from audit.services import record
from core import registry
from core.exports import Column, download, export_format, export_links
from events import services
from events import staff_queries as queries
from events.models import Event
from events.permissions import can_manage_events, can_view_participant_counts, visible_event_or_404
from events.staff_forms import CopyEventForm, EventFilterForm, EventForm

PAGE_SIZE = 25

# The columns of the list's download (core.exports): what the table shows, one row per event.
EXPORT_COLUMNS = [
    Column(_l("Nr."), lambda e: e.pk),
    Column(_l("Titel"), lambda e: e.title),
    Column(_l("Art"), lambda e: e.get_kind_display()),
    Column(_l("Status"), lambda e: e.get_status_display()),
    Column(_l("Beginn"), lambda e: e.start),
    Column(_l("Ende"), lambda e: e.end),
    Column(_l("Gemeinde"), lambda e: e.venue.municipality.name if e.venue_id else ""),
    Column(_l("Plätze"), lambda e: e.capacity),
    Column(_l("Bestätigt"), lambda e: e.confirmed_count),
    Column(_l("Noch nicht bestätigt"), lambda e: e.pending_count),
    Column(_l("Warteliste"), lambda e: e.waiting_count),
]


@require_safe
@role_required(can_use_back_office)
def event_list(request):
    form = EventFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    events = queries.filtered_events(request.user, data)
    fmt = export_format(request)
    if fmt:
        rows = list(events)
        record(actor=request.user, action="events.exported", target=None, details={"format": fmt, "rows": len(rows)})
        return download(fmt, EXPORT_COLUMNS, rows, filename="veranstaltungen", sheet=_("Veranstaltungen"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("seite"))
    queries.add_fill(page.object_list)
    context = {"form": form, "page": page, "nav": "events", "exports": export_links(request)}
    context["can_manage"] = can_manage_events(request.user)
    return render(request, "events/staff/event_list.html", context)


def task_groups(user, event):
    """The links other apps declare for an event's page (EVENT_TASKS) this account may follow,
    as [(heading, [task])] in their declared order; each task carries its `url`."""
    groups = {}
    for task in registry.event_tasks():
        if task.allowed(user, event):
            link = SimpleNamespace(label=task.label, description=task.description)
            link.url = reverse(task.url_name, kwargs={"pk": event.pk})
            groups.setdefault(task.group, []).append(link)
    return list(groups.items())


def hub_figures(event):
    """Places free, waiting and unconfirmed (from the event's annotations) and what other apps add
    (`event_hub_figures`: attendance, certificates, feedback), as [(label, value)] in order."""
    free = max(event.capacity - event.places_taken, 0) if event.capacity else _("ohne Grenze")
    figures = [
        (10, _("Plätze frei"), free),
        (20, _("Warteliste"), event.waiting_count),
        (30, _("Noch nicht bestätigt"), event.pending_count),
    ]
    figures += [figure for answer in registry.announce("event_hub_figures", event=event) for figure in answer]
    return [(label, value) for _order, label, value in sorted(figures, key=lambda figure: figure[0])]


@require_safe
@role_required(can_use_back_office)
def event_detail(request, pk):
    """The event hub: state, figures and a link to every task this account may do for the event."""
    event = queries.event_detail(request.user, pk)
    show_counts = can_view_participant_counts(request.user, event)
    context = {
        "event": event,
        "sessions": queries.sessions_of(event),
        "modules": queries.modules_of(event) if event.kind == Event.Kind.COURSE else [],
        "can_manage": can_manage_events(request.user),
        "show_counts": show_counts,
        "figures": hub_figures(event) if show_counts else [],
        "publish_problems": services.publish_problems(event) if event.status == Event.Status.DRAFT else [],
        "task_groups": task_groups(request.user, event),
        "nav": "events",
    }
    return render(request, "events/staff/event_detail.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def event_create(request):
    course = None
    if request.GET.get("fortbildung", "").isdigit():
        # Only a top-level course gets modules; a module is a course too, but one level is all there is.
        course = get_object_or_404(
            Event, pk=int(request.GET["fortbildung"]), kind=Event.Kind.COURSE, course__isnull=True
        )
    initial = {"kind": Event.Kind.COURSE} if course else {}
    form = EventForm(request.POST or None, initial=initial)
    if form.is_valid():
        event = form.save(commit=False)
        event.course = course
        services.create_event(actor=request.user, event=event, m2m=form.m2m_values(), request=request)
        messages.success(request, _("Der Entwurf ist gespeichert."))
        return redirect("events_staff:event_detail", pk=event.pk)
    return render(request, "events/staff/event_form.html", {"form": form, "course": course, "nav": "events"})


def _conflict_form(request, current):
    """The typed values again, now based on the version someone else saved, plus the differences."""
    data = request.POST.copy()
    data["version"] = current.version
    form = EventForm(data, instance=Event.objects.get(pk=current.pk))
    form.is_valid()
    differences = []
    for name in form.Meta.fields:
        saved = getattr(current, name)
        saved = set(saved.all()) if name in form.M2M else saved
        typed = form.cleaned_data.get(name)
        typed = set(typed) if name in form.M2M and typed is not None else typed
        if saved != typed and name in form.cleaned_data:
            differences.append((form.fields[name].label, _display(saved), _display(typed)))
    form.add_error(
        None,
        _(
            "Jemand anderes hat diese Veranstaltung gespeichert, während Sie sie bearbeitet haben. Ihre Eingaben "
            "sind erhalten. Vergleichen Sie die Unterschiede unten; wenn Ihre Fassung gelten soll, speichern Sie "
            "noch einmal."
        ),
    )
    return form, differences


def _display(value):
    if isinstance(value, set):
        return ", ".join(sorted(str(item) for item in value)) or "–"
    return "–" if value in (None, "") else str(value)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def event_edit(request, pk):
    event = visible_event_or_404(request.user, pk)
    form = EventForm(request.POST or None, instance=event)
    differences = None
    if form.is_valid():
        try:
            services.update_event(
                actor=request.user,
                event=form.instance,
                m2m=form.m2m_values(),
                changed_fields=form.changed_model_fields(),
                expected_version=form.cleaned_data["version"],
                request=request,
            )
        except services.EditConflict as conflict:
            form, differences = _conflict_form(request, conflict.current)
        else:
            messages.success(request, _("Die Änderungen sind gespeichert."))
            return redirect("events_staff:event_detail", pk=event.pk)
    context = {"form": form, "event": event, "differences": differences, "nav": "events"}
    return render(request, "events/staff/event_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def event_copy(request, pk):
    source = visible_event_or_404(request.user, pk)
    form = CopyEventForm(request.POST or None)
    if form.is_valid():
        copy = services.copy_event(
            actor=request.user,
            source=source,
            start=form.cleaned_data["start"],
            title=form.cleaned_data["title"],
            request=request,
        )
        messages.success(
            request, _("Die Kopie ist als Entwurf gespeichert. Prüfen Sie die Angaben und veröffentlichen Sie sie.")
        )
        return redirect("events_staff:event_detail", pk=copy.pk)
    return render(request, "events/staff/event_copy.html", {"form": form, "event": source, "nav": "events"})
