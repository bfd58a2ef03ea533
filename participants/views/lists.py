"""The participant list (names for those allowed, counts for everyone who sees the event) and exports."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from backoffice.decorators import back_office_required
from backoffice.permissions import (
    can_check_in,
    can_export_participants,
    can_manage_participants,
    can_view_participant_counts,
    can_view_participants,
)
from participants import exports, queries
from participants.forms import ParticipantFilterForm
from participants.services import record_view
from participants.views.common import event_for, query_string
from privacy.retention import event_retention


@require_GET
@back_office_required
def participant_list(request, pk):
    event = event_for(request, pk, can_view_participant_counts)
    user = request.user
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
        form = ParticipantFilterForm(request.GET or None, municipalities=queries.municipalities_of(event))
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


@require_GET
@back_office_required
def export(request, pk, fmt):
    event = event_for(request, pk, can_export_participants)
    form = ParticipantFilterForm(request.GET or None, municipalities=queries.municipalities_of(event))
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
