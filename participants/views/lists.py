"""The participant list (names for those allowed, counts for everyone who sees the event) and exports.

Status, role and municipality filter through the query string; the search text (names, e-mail
addresses) is POSTed and kept in the session instead, so it never appears in a URL. The exports
apply the same search as the list the person is looking at.
"""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from events.permissions import (
    can_check_in,
    can_export_participants,
    can_manage_participants,
    can_view_participant_counts,
    can_view_participants,
)
from participants import exports, queries
from participants.forms import ParticipantFilterForm
from participants.services import record_view
from participants.views.common import event_for, query_string, remember_search, remembered_search
from registrations.retention import event_retention

URL_FILTERS = ("status", "rolle", "gemeinde")  # not personal: these may stay in the URL


def _filter_form(request, event):
    data = request.GET.copy()
    data.pop("q", None)
    search = remembered_search(request, "list", event)
    if search:
        data["q"] = search
    return ParticipantFilterForm(data or None, municipalities=queries.municipalities_of(event))


def _search(request, event):
    """The filter form POSTed: keep the search in the session, redirect with the other filters only."""
    text = "" if request.POST.get("reset") else request.POST.get("q", "")
    remember_search(request, "list", event, text)
    params = {name: request.POST[name] for name in URL_FILTERS if request.POST.get(name)}
    url = reverse("participants_staff:participants", kwargs={"pk": event.pk})
    return redirect(f"{url}?{urlencode(params)}" if params else url)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def participant_list(request, pk):
    event = event_for(request, pk, can_view_participant_counts)
    user = request.user
    if request.method == "POST" and can_view_participants(user, event):
        return _search(request, event)
    context = {
        "event": event,
        "counts": queries.counts(event),
        "names": can_view_participants(user, event),
        "can_manage": can_manage_participants(user, event),
        "can_export": can_export_participants(user, event),
        "can_check_in": can_check_in(user, event),
        "nav": "events",
    }
    if context["names"]:
        form = _filter_form(request, event)
        rows = queries.with_waiting_positions(queries.participant_rows(event, **form.filters()))
        record_view(actor=user, event=event, request=request, rows=len(rows))
        anonymised_from, attendance_kept_until = event_retention(event)
        context.update(
            form=form,
            rows=rows,
            query=query_string(request),
            anonymised_from=anonymised_from,
            attendance_kept_until=attendance_kept_until,
        )
    else:
        context["by_role"] = queries.counts_by_role(event)
    return render(request, "participants/list.html", context)


@require_safe
@role_required(can_use_back_office)
def waiting_list(request, pk):
    """The event hub's "Warteliste": the participant list filtered to the people waiting."""
    event = event_for(request, pk, can_view_participants)
    url = reverse("participants_staff:participants", kwargs={"pk": event.pk})
    return redirect(f"{url}?{urlencode({'status': 'waiting'})}")


@require_safe
@role_required(can_use_back_office)
def export(request, pk, fmt):
    event = event_for(request, pk, can_export_participants)
    form = _filter_form(request, event)
    bookings = list(queries.participant_rows(event, **form.filters()))
    name = f"teilnehmende-{slugify(event.title)[:60]}-{event.pk}"
    if fmt == "xlsx":
        body = exports.as_xlsx(bookings, event.title)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.as_csv(bookings)
        content_type = "text/csv; charset=utf-8"
    record_view(
        actor=request.user, event=event, action="participants.exported", request=request, format=fmt, rows=len(bookings)
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
