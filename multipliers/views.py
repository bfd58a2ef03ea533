"""A multiplier's own pages (the consultation log) and a course participant's certificate through
the personal link."""

import csv
import io
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import login_completed_required
from audit.services import record
from multipliers import queries, services
from multipliers.forms import ConsultationForm
from multipliers.models import Consultation
from multipliers.permissions import can_keep_log, is_course, own_entry_or_404
from registrations.permissions import registration_from_link


def multiplier_required(view):
    """A multiplier's own pages (not staff pages): the login, then the role, else 403."""

    @login_completed_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_keep_log(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "HEAD", "POST"])
@multiplier_required
def log(request):
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.log_consultation(
                actor=request.user,
                month=data["month"],
                district=data["district"],
                municipality=data["municipality"],
                topics=data["topics"],
                advised=data["advised"],
                agency=data["agency"],
                other_agency=data["other_agency"],
                duration=data["duration"],
            )
            messages.success(request, _("Die Beratung ist eingetragen."))
            return redirect("multipliers:log")
    else:
        form = ConsultationForm()
    entries = list(queries.own_log(request.user)[:50])
    return render(request, "multipliers/log.html", {"form": form, "entries": entries})


@require_http_methods(["GET", "HEAD", "POST"])
@multiplier_required
def delete_entry(request, pk):
    entry = own_entry_or_404(request.user, Consultation.objects.all(), pk)
    if request.method == "POST":
        services.delete_consultation(actor=request.user, entry=entry)
        messages.success(request, _("Der Eintrag ist gelöscht."))
        return redirect("multipliers:log")
    return render(request, "multipliers/delete_entry.html", {"entry": entry})


def _cell(text):
    """Spreadsheets run cells that start like a formula; a leading apostrophe keeps them text."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@require_safe
@multiplier_required
def log_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(
        [_("Monat"), _("Landkreis"), _("Gemeinde"), _("Themen"), _("Beraten wurde"), _("Fachstelle"), _("Dauer")]
    )
    for entry in queries.own_log(request.user):
        writer.writerow(
            [
                entry.month.strftime("%m/%Y"),
                entry.district.name,
                entry.municipality.name if entry.municipality else "",
                ", ".join(topic.name for topic in entry.topics.all()),
                entry.get_advised_display(),
                entry.agency.name if entry.agency else _cell(entry.other_agency),
                entry.get_duration_display(),
            ]
        )
    response = HttpResponse(("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="beratungen.csv"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def my_certificate(request, token):
    """The Zertifikat through the personal link, only once the course is completed."""
    registration = registration_from_link(token)
    if not is_course(registration.event):
        raise Http404
    row = queries.row_for(registration)
    if row is None or not row.completed:
        raise Http404
    record(
        actor=None,
        action="completion_certificate.downloaded",
        target=registration.event,
        details={"registration": registration.pk},
    )
    body = services.certificate_pdf(row, registration.event)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.certificate_filename(registration.event)}"'
    response["Cache-Control"] = "no-store"
    return response
