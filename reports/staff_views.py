"""The report page in the back office."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from reports import charts
from reports.permissions import can_read_reports, partner_limit
from reports.queries import build_report, compare
from reports.staff_forms import ReportForm, default_form


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
    return render(request, "reports/staff/report.html", context)
