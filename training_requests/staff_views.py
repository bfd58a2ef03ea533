"""The team's queue of training requests, one request's page with its actions, the district map,
and the partner portal (a partner organisation's requests and co-hosted events)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import is_partner, is_team
from audit.services import record
from core.exports import Column, download, export_format, export_links
from core.public_forms import PublicForm
from events.models import Event
from regions.queries import districts
from training_requests import services
from training_requests.forms import PartnerRequestForm
from training_requests.models import TrainingRequest
from training_requests.queries import (
    partner_events,
    partner_requests,
    queue,
    request_page,
    requests_map,
    state_counts,
    waiting_too_long,
)
from training_requests.staff_forms import (
    AssignForm,
    MessageForm,
    NoteForm,
    StateForm,
    VersionForm,
    read_filters,
    team_members,
)

PAGE_SIZE = 25
PARTNER_FORM = PublicForm(name="training_requests:partner")
CONFLICT = gettext_lazy(
    "Jemand anderes hat diese Anfrage inzwischen geändert. Bitte sehen Sie sich den aktuellen Stand an "
    "und versuchen Sie es dann noch einmal."
)

# The columns of the queue's download (core.exports): what the table shows, one row per request.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Nr."), lambda r: r.pk),
    Column(gettext_lazy("Organisation"), lambda r: r.organisation),
    Column(gettext_lazy("Art der Organisation"), lambda r: r.get_kind_display()),
    Column(gettext_lazy("Gemeinde"), lambda r: r.municipality.name),
    Column(gettext_lazy("Landkreis"), lambda r: r.municipality.district.name),
    Column(gettext_lazy("Stand"), lambda r: r.get_state_display()),
    Column(gettext_lazy("Zuständig"), lambda r: (r.assignee.get_full_name() or r.assignee.email) if r.assignee else ""),
    Column(gettext_lazy("Eingegangen"), lambda r: r.created_at),
    Column(gettext_lazy("Angebot"), lambda r: r.event_id),
]


@require_safe
@role_required(is_team)
def queue_list(request):
    query = read_filters(request.GET, districts=districts(), members=list(team_members()))
    rows = query.filter(queue())
    fmt = export_format(request)
    if fmt:
        rows = list(rows)
        details = {"filters": {k: str(v) for k, v in query.values.items()}, "format": fmt, "rows": len(rows)}
        record(actor=request.user, action="training_request.exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename="schulungsanfragen", sheet=_("Schulungsanfragen"))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("seite"))
    counts = state_counts()
    tabs = [(value, label, counts.get(value, 0)) for value, label in TrainingRequest.State.choices]
    context = {"query": query, "page": page, "tabs": tabs, "total": sum(counts.values())}
    context["exports"] = export_links(request)
    return render(request, "training_requests/staff/queue.html", context)


def _page(request, training_request, *, forms=None, status=200):
    version = {"version": training_request.version}
    forms = forms or {}
    context = {
        "training_request": training_request,
        "assign_form": forms.get("assign") or AssignForm(initial={**version, "assignee": training_request.assignee_id}),
        "note_form": forms.get("note") or NoteForm(),
        "message_form": forms.get("message") or MessageForm(),
        "decline_form": forms.get("decline") or StateForm(initial={**version, "state": services.State.DECLINED}),
        "next_states": [
            (value, label)
            for value, label in TrainingRequest.State.choices
            if value not in (services.State.DECLINED, services.State.WITHDRAWN)
            and services.transition_problem(training_request, value) is None
        ],
        "can_decline": services.State.DECLINED in services.TRANSITIONS[training_request.state],
        "can_plan": training_request.event_id is None and not training_request.is_closed,
    }
    return render(request, "training_requests/staff/detail.html", context, status=status)


def _request_or_404(pk):
    training_request = request_page(pk)
    if training_request is None:
        raise Http404
    return training_request


@require_safe
@role_required(is_team)
def detail(request, request_pk):
    return _page(request, _request_or_404(request_pk))


def _conflict(request, request_pk):
    messages.error(request, CONFLICT)
    return redirect("training_requests_staff:detail", request_pk=request_pk)


@require_POST
@role_required(is_team)
def change_state(request, request_pk):
    training_request = _request_or_404(request_pk)
    form = StateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."))
        return redirect("training_requests_staff:detail", request_pk=request_pk)
    data = form.cleaned_data
    try:
        services.change_state(
            actor=request.user,
            training_request=training_request,
            to_state=data["state"],
            reason=data["reason"],
            expected_version=data["version"],
            request=request,
        )
    except services.EditConflict:
        return _conflict(request, request_pk)
    except services.TransitionRefused as refused:
        if data["state"] == services.State.DECLINED:
            form.add_error("reason", refused.reason)
            return _page(request, training_request, forms={"decline": form}, status=409)
        messages.error(request, refused.reason)
        return redirect("training_requests_staff:detail", request_pk=request_pk)
    messages.success(
        request,
        _("Die Anfrage ist jetzt „%(state)s“; die anfragende Person bekommt eine E-Mail.")
        % {"state": TrainingRequest.State(data["state"]).label},
    )
    return redirect("training_requests_staff:detail", request_pk=request_pk)


@require_POST
@role_required(is_team)
def assign(request, request_pk):
    training_request = _request_or_404(request_pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        return _page(request, training_request, forms={"assign": form})
    try:
        services.assign(
            actor=request.user,
            training_request=training_request,
            assignee=form.cleaned_data["assignee"],
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except services.EditConflict:
        return _conflict(request, request_pk)
    messages.success(request, _("Die Zuständigkeit ist gespeichert."))
    return redirect("training_requests_staff:detail", request_pk=request_pk)


@require_POST
@role_required(is_team)
def add_note(request, request_pk):
    training_request = _request_or_404(request_pk)
    form = NoteForm(request.POST)
    if not form.is_valid():
        return _page(request, training_request, forms={"note": form})
    services.add_note(actor=request.user, training_request=training_request, body=form.cleaned_data["body"])
    messages.success(request, _("Die Notiz ist gespeichert."))
    return redirect("training_requests_staff:detail", request_pk=request_pk)


@require_POST
@role_required(is_team)
def send_message(request, request_pk):
    training_request = _request_or_404(request_pk)
    form = MessageForm(request.POST)
    if not form.is_valid():
        return _page(request, training_request, forms={"message": form})
    services.send_message(
        actor=request.user, training_request=training_request, body=form.cleaned_data["body"], request=request
    )
    messages.success(request, _("Die Nachricht ist verschickt."))
    return redirect("training_requests_staff:detail", request_pk=request_pk)


@require_POST
@role_required(is_team)
def plan_event(request, request_pk):
    training_request = _request_or_404(request_pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal."))
        return redirect("training_requests_staff:detail", request_pk=request_pk)
    try:
        event = services.plan_event(
            actor=request.user,
            training_request=training_request,
            expected_version=form.cleaned_data["version"],
            request=request,
        )
    except services.EditConflict:
        return _conflict(request, request_pk)
    except services.TransitionRefused as refused:
        messages.error(request, refused.reason)
        return redirect("training_requests_staff:detail", request_pk=request_pk)
    messages.success(
        request,
        _(
            "Der Entwurf „%(title)s“ ist angelegt. Ergänzen Sie Termin, Ort und Ansprechperson "
            "und veröffentlichen Sie ihn."
        )
        % {"title": event.title},
    )
    return redirect("events_staff:event_detail", pk=event.pk)


@require_safe
@role_required(is_team)
def request_map(request):
    return render(request, "training_requests/staff/map.html", {"map": requests_map()})


@require_safe
@role_required(is_team)
def event_request(request, pk):
    """The event hub's link back to the request the event was planned from."""
    event = get_object_or_404(Event, pk=pk)
    training_request = event.training_requests.order_by("pk").first()
    if training_request is None:
        raise Http404
    return redirect("training_requests_staff:detail", request_pk=training_request.pk)


# --- The partner portal ---------------------------------------------------------------------------


def can_use_partner_portal(user):
    """Partner accounts; the team is sent on to the queue, where every request is."""
    return is_partner(user) or is_team(user)


def _partner_id(user):
    if not user.partner_organisation_id:
        raise Http404
    return user.partner_organisation_id


@require_safe
@role_required(can_use_partner_portal)
def partner_portal(request):
    if not is_partner(request.user):
        return redirect("training_requests_staff:queue")
    partner_id = _partner_id(request.user)
    context = {
        "requests": list(partner_requests(partner_id)[:200]),
        "events": list(partner_events(partner_id)[:200]),
        "organisation": request.user.partner_organisation,
    }
    return render(request, "training_requests/staff/partner.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_partner_portal)
def partner_request(request):
    if not is_partner(request.user):
        return redirect("training_requests:request")
    _partner_id(request.user)
    initial = {
        "organisation": request.user.partner_organisation.name,
        "contact_name": request.user.get_full_name(),
        "contact_email": request.user.email,
    }
    form = PartnerRequestForm(request.POST or None, initial=initial)
    if request.method == "POST":
        language = request.LANGUAGE_CODE
        submission = PARTNER_FORM.submit(
            request,
            form,
            action=lambda: services.submit_partner_request(
                form=form, user=request.user, language=language, request=request
            ),
        )
        if submission.done:
            messages.success(request, _("Ihre Anfrage ist beim Projektteam angekommen."))
            return redirect("training_requests_staff:partner")
    return render(request, "training_requests/staff/partner_request.html", {"form": form})


def dashboard_waiting(request):
    """The dashboard panel: open requests nobody moved for more than a week."""
    rows, count = waiting_too_long()
    return {"waiting_requests": rows, "waiting_count": count}
