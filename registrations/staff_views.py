"""The team's page for an event's registration setup (in the back office, /team/)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from events.permissions import can_manage_events, visible_event_or_404
from registrations import services
from registrations.staff_forms import setup_forms


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def registration_setup(request, pk):
    event = visible_event_or_404(request.user, pk)
    settings_form, questions = setup_forms(event, request.POST or None)
    if request.method == "POST" and settings_form.is_valid() and questions.is_valid():
        services.save_registration_setup(
            actor=request.user, event=event, settings_form=settings_form, questions=questions, request=request
        )
        messages.success(request, _("Die Anmeldung ist eingerichtet."))
        return redirect("events_staff:event_detail", pk=event.pk)
    context = {"event": event, "form": settings_form, "formset": questions, "nav": "events"}
    return render(request, "registrations/staff/registration_setup.html", context)
