from django.shortcuts import render
from django.views.decorators.http import require_safe

from backoffice import queries
from backoffice.decorators import back_office_required
from backoffice.permissions import can_manage_events


@require_safe
@back_office_required
def dashboard(request):
    context = queries.dashboard(request.user)
    context.update(nav="dashboard", can_manage=can_manage_events(request.user))
    return render(request, "backoffice/dashboard.html", context)
