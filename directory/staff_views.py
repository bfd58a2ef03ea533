"""The team's Wegweiser editor in the back-office frame (admin and team)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from audit.services import record
from core.exports import Column, download, export_format, export_links
from directory import services
from directory.models import Organization, Service
from directory.permissions import can_edit_directory
from directory.services import EditConflict, OrganizationInUse
from directory.staff_forms import ListSearchForm, OrganizationForm, ServiceForms, VersionForm
from directory.staff_queries import (
    check_cutoff,
    dashboard_reminder,
    service_for_editing,
    staff_organizations,
    staff_services,
)

PAGE_SIZE = 50


def _search(request):
    form = ListSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data.get("q", "").strip(), data.get("pruefen", False)


SERVICE_COLUMNS = [
    Column(pgettext_lazy("directory service", "Angebot"), lambda s: s.name),
    Column(_l("Organisation"), lambda s: s.organization.name),
    Column(_l("Status"), lambda s: s.get_status_display()),
    Column(_l("Zuletzt geprüft"), lambda s: s.last_checked_on),
    Column(_l("Zuletzt geändert"), lambda s: s.last_modified),
]


@require_safe
@role_required(can_edit_directory)
def service_list(request):
    form, text, due_only = _search(request)
    today = timezone.localdate()
    services_found = staff_services(text=text, due_only=due_only, today=today)
    fmt = export_format(request)
    if fmt:
        rows = list(services_found)
        details = {"format": fmt, "rows": len(rows)}
        record(actor=request.user, action="directory.services_exported", target=None, details=details, request=request)
        return download(fmt, SERVICE_COLUMNS, rows, filename="wegweiser-angebote", sheet=_("Wegweiser"))
    page = Paginator(services_found, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"page": page, "form": form, "due_only": due_only, "cutoff": check_cutoff(today), "nav": "directory"}
    context["exports"] = export_links(request)
    return render(request, "directory/staff/service_list.html", context)


# Organisations are public entries of the Wegweiser (their e-mail is the organisation's, published).
ORGANIZATION_COLUMNS = [
    Column(_l("Name"), lambda o: o.name),
    Column(_l("Kurzname"), lambda o: o.alternate_name),
    Column(pgettext_lazy("directory service", "Angebote"), lambda o: o.service_count),
    Column(_l("E-Mail der Organisation"), lambda o: o.email),
    Column(_l("Website"), lambda o: o.website),
    Column(_l("Rechtsform"), lambda o: o.legal_status),
    Column(_l("Zuletzt geändert"), lambda o: o.updated_at),
]


@require_safe
@role_required(can_edit_directory)
def organization_list(request):
    form, text, _due = _search(request)
    organizations = staff_organizations(text=text)
    fmt = export_format(request)
    if fmt:
        rows = list(organizations)
        details = {"format": fmt, "rows": len(rows)}
        action = "directory.organizations_exported"
        record(actor=request.user, action=action, target=None, details=details, request=request)
        return download(fmt, ORGANIZATION_COLUMNS, rows, filename="wegweiser-organisationen", sheet=_("Organisationen"))
    page = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"page": page, "form": form, "nav": "directory", "exports": export_links(request)}
    return render(request, "directory/staff/organization_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_directory)
def organization_form(request, organization_pk=None):
    organization = get_object_or_404(Organization, pk=organization_pk) if organization_pk else Organization()
    data = request.POST or None
    form = OrganizationForm(data, instance=organization)
    version = VersionForm(data, initial={"version": organization.version})
    conflict = False
    if data is not None and form.is_valid() and version.is_valid():
        try:
            services.save_organization(
                actor=request.user,
                organization=form.save(commit=False),
                changed_fields=form.changed_data,
                expected_version=version.cleaned_data["version"],
                request=request,
            )
        except EditConflict as error:
            conflict = True
            version = VersionForm(initial={"version": error.current.version})
        else:
            messages.success(request, _("Die Organisation „%(name)s“ ist gespeichert.") % {"name": organization.name})
            return redirect("directory_staff:organization_list")
    context = {"form": form, "version": version, "organization": organization, "conflict": conflict}
    context["creating"] = organization._state.adding
    return render(request, "directory/staff/organization_form.html", {**context, "nav": "directory"})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_directory)
def organization_delete(request, organization_pk):
    organization = get_object_or_404(Organization, pk=organization_pk)
    in_use = list(organization.services.order_by("name", "id").values_list("name", flat=True))
    if request.method == "POST" and not in_use:
        try:
            services.delete_organization(actor=request.user, organization=organization, request=request)
        except OrganizationInUse as refused:
            in_use = refused.services
        else:
            messages.success(request, _("Die Organisation „%(name)s“ ist gelöscht.") % {"name": organization.name})
            return redirect("directory_staff:organization_list")
    context = {"organization": organization, "in_use": in_use, "nav": "directory"}
    return render(
        request,
        "directory/staff/organization_delete.html",
        context,
        status=409 if in_use and request.method == "POST" else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_directory)
def service_form(request, service_pk=None):
    service = service_for_editing(service_pk) if service_pk else Service()
    data = request.POST or None
    forms = ServiceForms(data, service=service)
    version = VersionForm(data, initial={"version": service.version})
    conflict = False
    if data is not None and forms.is_valid() and version.is_valid():
        try:
            services.save_service(
                actor=request.user, forms=forms, expected_version=version.cleaned_data["version"], request=request
            )
        except EditConflict as error:
            # Keep what was typed; saving again applies it on top of the newer version.
            conflict = True
            version = VersionForm(initial={"version": error.current.version})
        else:
            messages.success(request, _("Das Angebot „%(name)s“ ist gespeichert.") % {"name": service.name})
            return redirect("directory_staff:service_edit", service_pk=service.pk)
    context = {"forms": forms, "form": forms.form, "version": version, "service": service, "conflict": conflict}
    context["creating"] = service._state.adding
    return render(request, "directory/staff/service_form.html", {**context, "nav": "directory"})


@require_POST
@role_required(can_edit_directory)
def service_check(request, service_pk):
    service = get_object_or_404(Service, pk=service_pk)
    services.mark_checked(actor=request.user, service=service, request=request)
    messages.success(request, _("„%(name)s“ ist als geprüft vermerkt.") % {"name": service.name})
    return redirect("directory_staff:service_edit", service_pk=service.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_directory)
def service_delete(request, service_pk):
    service = get_object_or_404(Service.objects.select_related("organization"), pk=service_pk)
    if request.method == "POST":
        services.delete_service(actor=request.user, service=service, request=request)
        messages.success(request, _("Das Angebot „%(name)s“ ist gelöscht.") % {"name": service.name})
        return redirect("directory_staff:service_list")
    return render(request, "directory/staff/service_delete.html", {"service": service, "nav": "directory"})


def dashboard_panel(request):
    """The dashboard's „Wegweiser-Einträge prüfen“: hidden when every entry was checked within 12 months."""
    reminder = dashboard_reminder(timezone.localdate())
    return reminder if reminder["count"] else None
