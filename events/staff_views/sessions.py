from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from events import services
from events.models import Session
from events.permissions import can_manage_events, visible_event_or_404
from events.staff_forms import SessionForm


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def session_form(request, pk, session_pk=None):
    event = visible_event_or_404(request.user, pk)
    session = get_object_or_404(Session, pk=session_pk, event=event) if session_pk else Session(event=event)
    form = SessionForm(request.POST or None, instance=session)
    if form.is_valid():
        services.save_session(
            actor=request.user, session=form.save(commit=False), trainers=form.cleaned_data["trainers"], request=request
        )
        messages.success(request, _("Der Termin ist gespeichert."))
        return redirect("events_staff:event_detail", pk=event.pk)
    return render(
        request, "events/staff/session_form.html", {"form": form, "event": event, "session": session, "nav": "events"}
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def session_delete(request, pk, session_pk):
    event = visible_event_or_404(request.user, pk)
    session = get_object_or_404(Session, pk=session_pk, event=event)
    if request.method == "POST":
        services.delete_session(actor=request.user, session=session, request=request)
        messages.success(request, _("Der Termin ist gelöscht."))
        return redirect("events_staff:event_detail", pk=event.pk)
    return render(request, "events/staff/session_delete.html", {"event": event, "session": session, "nav": "events"})
