from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from events import staff_queries as queries
from events.permissions import can_manage_events


@require_safe
@role_required(can_use_back_office)
def dashboard(request):
    context = queries.dashboard(request.user)
    context.update(nav="dashboard", can_manage=can_manage_events(request.user))
    return render(request, "backoffice/dashboard.html", context)
