"""Publish, cancel, mark as held: a confirmation page (GET) and the change (POST)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from events import services
from events.permissions import can_manage_events, visible_event_or_404

ACTIONS = {
    "publish": (
        services.publish_event,
        services.publish_problems,
        gettext_lazy("Die Veranstaltung ist veröffentlicht."),
    ),
    "cancel": (services.cancel_event, services.cancel_problems, None),
    "held": (
        services.mark_event_held,
        services.held_problems,
        gettext_lazy("Die Veranstaltung ist als durchgeführt markiert."),
    ),
}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def change_status(request, pk, action):
    event = visible_event_or_404(request.user, pk)
    change, problems_of, done_message = ACTIONS[action]
    problems = problems_of(event)
    if request.method == "POST" and not problems:
        try:
            result = change(actor=request.user, event=event, request=request)
        except services.StatusChangeRefused as refused:
            problems = refused.reasons
        else:
            if action == "cancel":
                informed = result[1]
                done_message = _(
                    "Die Veranstaltung ist abgesagt. %(n)s angemeldete Personen werden per E-Mail informiert."
                ) % {"n": informed}
            messages.success(request, done_message)
            return redirect("events_staff:event_detail", pk=event.pk)
    status = 409 if (request.method == "POST" and problems) else 200
    context = {"event": event, "action": action, "problems": problems, "nav": "events"}
    return render(request, "events/staff/status_confirm.html", context, status=status)
