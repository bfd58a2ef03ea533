"""Staff pages for reviewing and editing initiatives, inside the back-office frame."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from audit.services import record
from core.exports import Column, download, export_format, export_links
from network.forms import InitiativeForm
from network.models import Initiative
from network.permissions import can_manage_initiatives
from network.queries import review_queue, status_counts
from network.services import approve_initiative, reject_initiative, save_initiative

PAGE_SIZE = 50

EXPORT_COLUMNS = [
    Column(_l("Name der Initiative"), lambda i: i.name),
    Column(_l("Art"), lambda i: i.get_kind_display()),
    Column(_l("Status"), lambda i: i.get_status_display()),
    Column(_l("Gemeinde"), lambda i: i.municipality.name),
    Column(_l("Landkreis"), lambda i: i.municipality.district.name),
    Column(_l("Schwerpunkte"), lambda i: i.focus),
    Column(_l("Website"), lambda i: i.website),
    Column(_l("Kontakt-E-Mail"), lambda i: i.contact_email),
    Column(_l("Eingegangen"), lambda i: i.created_at),
]


@require_safe
@role_required(can_manage_initiatives)
def review_list(request):
    status = request.GET.get("status", Initiative.Status.PROPOSED)
    if status not in Initiative.Status.values:
        status = Initiative.Status.PROPOSED
    fmt = export_format(request)
    if fmt:
        rows = list(review_queue(status))
        details = {"status": status, "format": fmt, "rows": len(rows)}
        record(actor=request.user, action="initiative.exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename=f"initiativen-{status}", sheet=_("Initiativen"))
    page = Paginator(review_queue(status), PAGE_SIZE).get_page(request.GET.get("seite"))
    counts = status_counts()
    tabs = [(value, label, counts.get(value, 0)) for value, label in Initiative.Status.choices]
    # The page shows private contact addresses: every look is on record.
    record(
        actor=request.user, action="initiative.list_viewed", target=None, details={"status": status}, request=request
    )
    context = {"page": page, "status": status, "tabs": tabs, "exports": export_links(request)}
    return render(request, "network/staff/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_initiatives)
def edit(request, pk):
    initiative = get_object_or_404(Initiative.objects.for_cards(), pk=pk)
    form = InitiativeForm(request.POST or None, instance=initiative)
    if request.method == "POST" and form.is_valid():
        save_initiative(form=form, by=request.user, request=request)
        messages.success(request, _("Die Änderungen an „%(name)s“ sind gespeichert.") % {"name": initiative.name})
        return redirect("network_staff:edit", pk=initiative.pk)
    record(actor=request.user, action="initiative.viewed", target=initiative, request=request)
    context = {"form": form, "initiative": initiative}
    return render(request, "network/staff/edit.html", context)


@require_POST
@role_required(can_manage_initiatives)
def review(request, pk):
    initiative = get_object_or_404(Initiative, pk=pk)
    action = request.POST.get("action")
    if action == "approve":
        approve_initiative(initiative=initiative, by=request.user, request=request)
        messages.success(request, _("„%(name)s“ ist freigegeben und öffentlich sichtbar.") % {"name": initiative.name})
    elif action == "reject":
        reject_initiative(initiative=initiative, by=request.user, request=request)
        message = _("„%(name)s“ ist abgelehnt und nicht öffentlich sichtbar.")
        messages.success(request, message % {"name": initiative.name})
    return redirect("network_staff:edit", pk=initiative.pk)
