"""The team's pages of the multiplier programme: cohort matrix (HTML, PDF, XLSX), completion rule,
certificates, and the totals of the consultation log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from audit.services import record
from core.exports import download, export_format, export_links
from documents.pdf import render_pdf
from events.permissions import visible_event_or_404
from multipliers import exports, queries, services
from multipliers.forms import month_choices
from multipliers.permissions import can_read_log_totals, can_run_programme, can_see_cohort, is_course
from multipliers.staff_forms import RuleForm


def _course_for(request, pk, allowed):
    course = visible_event_or_404(request.user, pk)
    if not is_course(course):
        raise Http404  # these pages exist for courses only
    if not allowed(request.user, course):
        raise PermissionDenied
    return course


def _download(body, content_type, filename):
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _viewed(request, course, fmt, rows):
    record(
        actor=request.user,
        action="cohort.viewed",
        target=course,
        details={"format": fmt, "rows": rows},
        request=request,
    )


@require_safe
@role_required(can_use_back_office)
def cohort(request, pk):
    course = _course_for(request, pk, can_see_cohort)
    data = queries.cohort(course)
    _viewed(request, course, "html", len(data.rows))
    context = {
        "event": course,
        "cohort": data,
        "may_run": can_run_programme(request.user, course),
        "invited": queries.invitable(data.rows),
        "nav": "events",
    }
    return render(request, "multipliers/staff/cohort.html", context)


@require_safe
@role_required(can_use_back_office)
def cohort_pdf(request, pk):
    course = _course_for(request, pk, can_see_cohort)
    data = queries.cohort(course)
    _viewed(request, course, "pdf", len(data.rows))
    body = render_pdf("multipliers/cohort_pdf.html", {"event": course, "cohort": data})
    return _download(body, "application/pdf", f"kohorte-{slugify(course.title)[:60]}-{course.pk}.pdf")


@require_safe
@role_required(can_use_back_office)
def cohort_xlsx(request, pk):
    course = _course_for(request, pk, can_see_cohort)
    data = queries.cohort(course)
    _viewed(request, course, "xlsx", len(data.rows))
    return _download(
        exports.cohort_xlsx(data),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"kohorte-{slugify(course.title)[:60]}-{course.pk}.xlsx",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def rule(request, pk):
    course = _course_for(request, pk, can_run_programme)
    modules = queries.course_modules(course)
    current = queries.rule_for(course, modules)
    stored = current.stored
    affected = None
    if request.method == "POST":
        form = RuleForm(request.POST, modules=modules)
        if form.is_valid():
            data = form.cleaned_data
            proposed = {
                "required_ids": [m.pk for m in data["required_modules"]],
                "minimum": data["minimum_modules"],
                "allow_make_up": data["allow_make_up"],
            }
            certified = course.registrations.filter(completion_certificate__isnull=False).exists()
            if certified and not data["confirmed"]:
                affected = services.affected_by_rule(course, **proposed)
                form = RuleForm(
                    {**request.POST.dict(), "confirmed": "on"} | {"required_modules": proposed["required_ids"]},
                    modules=modules,
                )
                form.is_valid()
            else:
                try:
                    services.save_rule(
                        actor=request.user,
                        course=course,
                        version=data["version"],
                        minimum_modules=data["minimum_modules"],
                        required_modules=list(data["required_modules"]),
                        allow_make_up=data["allow_make_up"],
                        request=request,
                    )
                except services.StaleRule:
                    messages.error(
                        request,
                        _("Jemand hat die Regel inzwischen geändert. Hier ist der neue Stand; prüfen Sie ihn bitte."),
                    )
                    return redirect("multipliers_staff:rule", pk=course.pk)
                messages.success(request, _("Die Abschlussregel ist gespeichert."))
                return redirect("multipliers_staff:cohort", pk=course.pk)
    else:
        initial = {
            "required_modules": sorted(current.required),
            "minimum_modules": stored.minimum_modules if stored else None,
            "allow_make_up": current.allow_make_up,
            "version": stored.version if stored else 0,
        }
        form = RuleForm(initial=initial, modules=modules)
    context = {"event": course, "form": form, "modules": modules, "affected": affected, "nav": "events"}
    return render(request, "multipliers/staff/rule.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def certificates(request, pk):
    course = _course_for(request, pk, can_run_programme)
    if request.method == "POST":
        run, started = services.start_certificates(actor=request.user, course=course, request=request)
        if run is None:
            messages.info(request, _("Niemand wartet auf ein Zertifikat."))
        elif started:
            text = ngettext(
                "%(n)s Zertifikat wird erstellt und verschickt.",
                "%(n)s Zertifikate werden erstellt und verschickt.",
                run.planned,
            )
            messages.success(request, text % {"n": run.planned})
        else:
            messages.info(request, _("Die Zertifikate werden schon verschickt."))
        return redirect("multipliers_staff:certificates", pk=course.pk)
    data = queries.cohort(course)
    context = {
        "event": course,
        "completed": len(data.completed),
        "certified": sum(1 for row in data.rows if row.certified),
        "pending": len(data.pending_certificates),
        "without_address": sum(1 for row in data.completed if not row.registration.has_address),
        "runs": queries.certificate_runs(course),
        "nav": "events",
    }
    return render(request, "multipliers/staff/certificates.html", context)


@require_safe
@role_required(can_read_log_totals)
def log_totals(request):
    months = month_choices()
    chosen = request.GET.get("seit", "")
    valid = {value for value, _label in months}
    since = None
    if chosen in valid:
        year, month = chosen.split("-")
        since = f"{year}-{month}-01"
    totals = queries.log_totals(since=since)
    fmt = export_format(request)
    if fmt:
        details = {"format": fmt, "since": since or "", "consultations": totals["total"]}
        record(actor=request.user, action="consultations.exported", target=None, details=details, request=request)
        lines = list(exports.totals_lines(totals))
        return download(fmt, exports.TOTALS_COLUMNS, lines, filename="beratungen", sheet=_("Beratungen"))
    context = {
        "exports": export_links(request),
        "totals": totals,
        "months": months,
        "chosen": chosen if since else "",
        "nav": "multipliers",
    }
    return render(request, "multipliers/staff/log_totals.html", context)


@require_http_methods(["POST"])
@role_required(can_use_back_office)
def invite(request, pk, registration_pk):
    """Invite one person who completed the course as a multiplier (the accounts app's invitation)."""
    course = _course_for(request, pk, can_run_programme)
    registration = get_object_or_404(course.registrations, pk=registration_pk)
    try:
        services.invite_multiplier(actor=request.user, registration=registration, request=request)
    except services.AlreadyInvited:
        messages.info(request, _("Diese Person ist schon eingeladen."))
    except services.NotCompleted:
        messages.error(
            request,
            _("Nur wer die Fortbildung abgeschlossen hat und eine E-Mail-Adresse hat, kann eingeladen werden."),
        )
    except services.HasAccount:
        messages.error(request, _("Für diese E-Mail-Adresse gibt es schon ein Konto."))
    else:
        messages.success(request, _("Die Einladung ist verschickt. Der Link gilt nur einmal und läuft ab."))
    return redirect("multipliers_staff:cohort", pk=course.pk)
