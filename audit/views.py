from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from audit.forms import EntryFilterForm
from audit.models import Entry
from audit.permissions import can_browse_audit_log

PAGE_SIZE = 50


@require_safe
@role_required(can_browse_audit_log)
def entry_list(request):
    form = EntryFilterForm(request.GET or None)
    entries = form.filter(Entry.objects.for_list()) if form.is_bound else Entry.objects.for_list()
    paginator = Paginator(entries, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("seite"))
    return render(request, "audit/entry_list.html", {"form": form, "page": page, "nav": "audit"})
