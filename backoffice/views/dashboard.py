"""The dashboard: the sections every app declares (DASHBOARD_PANELS), in their order."""

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from core import registry


def rendered_panels(request):
    panels = []
    for panel in registry.dashboard_panels():
        if not panel.allowed(request.user):
            continue
        context = panel.context(request)
        if context is not None:
            panels.append(render_to_string(panel.template, context, request=request))
    return panels


def due(request):
    """The „Was ansteht“ list: what each app answers to `dashboard_due`, in INSTALLED_APPS order."""
    answers = registry.announce("dashboard_due", user=request.user, now=timezone.now())
    parts = [render_to_string(template, context, request=request) for answer in answers for template, context in answer]
    return {"parts": parts}


@require_safe
@role_required(can_use_back_office)
def dashboard(request):
    return render(request, "backoffice/dashboard.html", {"panels": rendered_panels(request), "nav": "dashboard"})
