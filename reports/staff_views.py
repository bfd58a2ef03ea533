"""The report page in the back office and its exports (PDF, XLSX, CSV per table)."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from audit.services import record
from reports import charts, exports
from reports.permissions import can_read_reports, partner_limit
from reports.queries import cached_report, compare, sections_with
from reports.staff_forms import ReportForm, default_form

# The page's "compute again" link adds this to the query.
REFRESH = "neu"

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _report_context(form, user, *, pictures=True, refresh=False):
    """The report (and its comparison); `pictures`: with its charts and map (the page, the PDF);
    `refresh`: computed anew instead of reused (reports.queries.cached_report)."""
    partner_id = partner_limit(user)
    full = partner_id is None
    scope = form.scope(partner_id=partner_id)
    report, computed_at = cached_report(scope, full=full, refresh=refresh)
    other = form.comparison(scope)
    comparison = None
    if other:
        other_report, other_at = cached_report(other, full=full, refresh=refresh)
        comparison, computed_at = compare(report, other_report), min(computed_at, other_at)
    context = {
        "report": report,
        "sections": sections_with(report, comparison),
        "comparison": comparison,
        "other_scope": other,
        "computed_at": computed_at,
        "partner_view": partner_id is not None,
    }
    if pictures:
        context["charts"] = [
            charts.bar_chart(report.table("by_month"), 0),
            charts.bar_chart(report.table("by_month"), 1),
            charts.bar_chart(report.table("offers_by_kind"), 0),
        ]
        context["district_map"] = charts.district_map(report, form.map_figure())
    return context


@require_safe
@role_required(can_read_reports)
def report_page(request):
    form = ReportForm(request.GET) if request.GET else default_form()
    context = {"form": form}
    if form.is_valid():
        context.update(_report_context(form, request.user, refresh=REFRESH in request.GET))
        query = request.GET.copy() if request.GET else form.data.copy()
        query.pop(REFRESH, None)
        context["query"] = urlencode(query, doseq=True)
        context["refresh"] = REFRESH if settings.REPORTS_CACHE_SECONDS else ""
    return render(request, "reports/staff/report.html", context)


def _file(fmt, context, table_key):
    report, comparison = context["report"], context["comparison"]
    if fmt == "xlsx":
        return exports.xlsx_file(report, comparison)
    if fmt == "csv":
        return exports.csv_file(report, table_key, comparison)
    keep = ("sections", "charts", "district_map", "other_scope", "computed_at")
    return exports.pdf_file(report, comparison=comparison, **{key: context[key] for key in keep})


@require_safe
@role_required(can_read_reports)
def report_export(request, fmt):
    form = ReportForm(request.GET)
    if not form.is_valid():  # the page says what to fix
        return redirect(f"{reverse('reports_staff:report')}?{request.GET.urlencode()}")
    context = _report_context(form, request.user, pictures=fmt == "pdf")
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
