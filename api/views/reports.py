"""The report for funders over the API (`/api/v1/team/reports`): the figures and tables of the
back-office report page, for the same period, districts and kinds, with the same rules (a partner
account gets the events its organisation co-hosts). Scope `reports:read`. Only totals, never a person."""

from datetime import date

from django.http import QueryDict
from ninja import Field, Query, Router, Schema

from api.auth import TokenAuth, require_scope
from api.problems import ApiProblem
from api.views.common import TOKEN_PROBLEMS, private_json, reject_unknown
from reports.permissions import partner_limit
from reports.queries import build_report
from reports.staff_forms import ReportForm

reports = Router(tags=["reports"], auth=TokenAuth())

# The report form's field for each API parameter: the same checks, the same messages.
FORM_FIELDS = {"from": "von", "to": "bis", "district": "landkreis", "kind": "art"}


class ReportParams(Schema):
    date_from: date = Field(alias="from", description="First day of the period")
    date_to: date = Field(alias="to", description="Last day of the period (inclusive)")
    district: list[str] = Field(default_factory=list, description="District slugs (repeat); none: all of Saxony")
    kind: list[str] = Field(default_factory=list, description="Event kinds (repeat); none: every kind")


class ReportFigure(Schema):
    key: str
    label: str
    definition: str
    value: float | int | None = Field(description="null: withheld (fewer than 5 feedback answers)")


class ReportRow(Schema):
    key: str
    label: str
    values: list[float | int | None]


class ReportTable(Schema):
    key: str
    title: str
    definition: str
    columns: list[str]
    rows: list[ReportRow]


class ReportOut(Schema):
    start: date
    end: date
    districts: list[str]
    kinds: list[str]
    figures: list[ReportFigure]
    tables: list[ReportTable]


def _form(request):
    data = QueryDict(mutable=True)
    for name, field in FORM_FIELDS.items():
        data.setlist(field, request.GET.getlist(name))
    form = ReportForm(data)
    if not form.is_valid():
        names = {field: name for name, field in FORM_FIELDS.items()}
        params = [(names.get(field, "from"), " ".join(str(e) for e in errors)) for field, errors in form.errors.items()]
        raise ApiProblem(400, "invalid-parameter", "; ".join(f"{n}: {r}" for n, r in params), invalid_params=params)
    return form


@reports.get("", response={200: ReportOut, **TOKEN_PROBLEMS}, summary="The report for funders")
def team_report(request, params: Query[ReportParams]):
    """Every figure (with its one-line definition) and table of the report for the period. Scope `reports:read`."""
    reject_unknown(request, params)
    require_scope(request, "reports:read")
    partner_id = partner_limit(request.auth)
    form = _form(request)
    report = build_report(form.scope(partner_id=partner_id), full=partner_id is None)
    data = {
        "start": report.scope.start,
        "end": report.scope.end,
        "districts": form.cleaned_data["landkreis"],
        "kinds": form.cleaned_data["art"],
        "figures": [
            {"key": f.key, "label": str(f.label), "definition": str(f.definition), "value": f.value}
            for f in report.figures()
        ],
        "tables": [
            {
                "key": t.key,
                "title": str(t.title),
                "definition": str(t.definition),
                "columns": [str(c) for c in t.columns],
                "rows": [{"key": r.key, "label": str(r.label), "values": list(r.values)} for r in t.rows],
            }
            for t in report.tables()
        ],
    }
    return private_json(ReportOut, data)
