from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from audit.services import record
from core.exports import Column, download, export_format, export_links
from events import services
from events.models import Venue
from events.permissions import can_manage_events
from events.staff_forms import VenueForm

PAGE_SIZE = 50

# The list's download (core.exports): what the table shows.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Name"), lambda v: v.name),
    Column(gettext_lazy("Straße"), lambda v: v.street),
    Column(gettext_lazy("PLZ"), lambda v: v.postal_code),
    Column(gettext_lazy("Gemeinde"), lambda v: v.municipality.name),
    Column(gettext_lazy("Landkreis"), lambda v: v.municipality.district.name),
    Column(gettext_lazy("Veranstaltungen"), lambda v: v.event_count),
]


@require_safe
@role_required(can_manage_events)
def venue_list(request):
    venues = Venue.objects.select_related("municipality__district").annotate(event_count=Count("events"))
    venues = venues.order_by("name", "id")
    fmt = export_format(request)
    if fmt:
        rows = list(venues)
        details = {"format": fmt, "rows": len(rows)}
        record(actor=request.user, action="venues.exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename="orte", sheet=_("Orte"))
    page = Paginator(venues, PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request, "events/staff/venue_list.html", {"page": page, "nav": "venues", "exports": export_links(request)}
    )


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def venue_form(request, venue_pk=None):
    venue = get_object_or_404(Venue.objects.select_related("municipality"), pk=venue_pk) if venue_pk else Venue()
    form = VenueForm(request.POST or None, instance=venue)
    next_url = _next_url(request)
    if form.is_valid():
        services.save_venue(actor=request.user, venue=form.save(commit=False), request=request)
        messages.success(request, _("Der Ort „%(name)s“ ist gespeichert.") % {"name": form.instance.name})
        return redirect(next_url or "events_staff:venue_list")
    context = {"form": form, "venue": venue, "next": next_url, "nav": "venues"}
    return render(request, "events/staff/venue_form.html", context)
