from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from events import services
from events.permissions import can_manage_events, visible_event_or_404
from events.services import EditConflict
from events.staff_forms import AgendaFormSet, AgendaVersionForm


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def agenda_edit(request, pk):
    event = visible_event_or_404(request.user, pk)
    data = request.POST or None
    formset = AgendaFormSet(data, instance=event, prefix="ablauf")
    version = AgendaVersionForm(data, initial={"version": event.version})
    conflict = False
    if data is not None and formset.is_valid() and version.is_valid():
        try:
            services.save_agenda(
                actor=request.user,
                event=event,
                formset=formset,
                expected_version=version.cleaned_data["version"],
                request=request,
            )
        except EditConflict as error:
            # Keep what was typed; saving again applies it on top of the newer version.
            conflict = True
            version = AgendaVersionForm(initial={"version": error.current.version})
        else:
            messages.success(request, _("Der Ablauf ist gespeichert."))
            return redirect("events_staff:event_detail", pk=event.pk)
    context = {"event": event, "formset": formset, "version": version, "conflict": conflict, "nav": "events"}
    return render(request, "events/staff/agenda_form.html", context)
