from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from audit.forms import EntryFilterForm
from audit.models import Entry
from audit.permissions import can_browse_audit_log
from audit.services import record
from core.exports import Column, download, export_format, export_links

PAGE_SIZE = 50

EXPORT_COLUMNS = [
    Column(_l("Zeitpunkt"), lambda e: e.created_at),
    Column(_l("Konto"), lambda e: e.actor.email if e.actor else ""),
    Column(_l("Rolle"), lambda e: e.actor_role),
    Column(_l("Aktion"), lambda e: e.action_label),
    Column(_l("Datensatz"), lambda e: f"{e.target_type} #{e.target_id}" if e.target_type else ""),
    Column(_l("Einzelheiten"), lambda e: "; ".join(f"{k}: {v}" for k, v in e.details.items())),
]


@require_safe
@role_required(can_browse_audit_log)
def entry_list(request):
    form = EntryFilterForm(request.GET or None)
    entries = form.filter(Entry.objects.for_list()) if form.is_bound else Entry.objects.for_list()
    fmt = export_format(request)
    if fmt:
        rows = list(entries)
        record(actor=request.user, action="audit.exported", target=None, details={"format": fmt, "rows": len(rows)})
        return download(fmt, EXPORT_COLUMNS, rows, filename="protokoll", sheet=_("Protokoll"))
    paginator = Paginator(entries, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("seite"))
    context = {"form": form, "page": page, "nav": "audit", "exports": export_links(request)}
    return render(request, "audit/entry_list.html", context)
