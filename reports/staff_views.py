"""The report page in the back office and its exports (PDF, XLSX, CSV per table)."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from audit.services import record
from reports import charts, exports
from reports.permissions import can_read_reports, partner_limit
from reports.queries import build_report, compare
from reports.staff_forms import ReportForm, default_form

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _report_context(form, user):
    partner_id = partner_limit(user)
    scope = form.scope(partner_id=partner_id)
    report = build_report(scope, full=partner_id is None)
    other = form.comparison(scope)
    return {
        "report": report,
        "comparison": compare(report, build_report(other, full=partner_id is None)) if other else None,
        "other_scope": other,
        "charts": [
            charts.bar_chart(report.table("by_month"), 0),
            charts.bar_chart(report.table("by_month"), 1),
            charts.bar_chart(report.table("offers_by_kind"), 0),
        ],
        "district_map": charts.district_map(report, form.map_figure()),
        "partner_view": partner_id is not None,
    }


@require_safe
@role_required(can_read_reports)
def report_page(request):
    form = ReportForm(request.GET) if request.GET else default_form()
    context = {"form": form}
    if form.is_valid():
        context.update(_report_context(form, request.user))
        context["query"] = request.GET.urlencode() if request.GET else urlencode(form.data)
    return render(request, "reports/staff/report.html", context)


def _file(fmt, context, table_key):
    report, comparison = context["report"], context["comparison"]
    if fmt == "xlsx":
        return exports.xlsx_file(report, comparison)
    if fmt == "csv":
        return exports.csv_file(report, table_key, comparison)
    keep = ("charts", "district_map", "other_scope")
    return exports.pdf_file(report, comparison=comparison, **{key: context[key] for key in keep})


@require_safe
@role_required(can_read_reports)
def report_export(request, fmt):
    form = ReportForm(request.GET)
    if not form.is_valid():  # the page says what to fix
        return redirect(f"{reverse('reports_staff:report')}?{request.GET.urlencode()}")
    context = _report_context(form, request.user)
    table_key = request.GET.get("tabelle", exports.FIGURES_KEY)
    if fmt == "csv" and table_key not in {exports.FIGURES_KEY, *(t.key for t in context["report"].tables())}:
        raise Http404
    body = _file(fmt, context, table_key)
    scope = context["report"].scope
    details = {"format": fmt, "days": scope.days, "districts": len(scope.districts), "table": table_key}
    record(actor=request.user, action="reports.exported", target=None, details=details, request=request)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    name = f"bericht-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if fmt == "csv":
        name += f"-{table_key}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
