"""The team's queue of training requests, one request's page with its actions, the district map,
and the partner portal (a partner organisation's requests and co-hosted events)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
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
    with_unread_replies,
)
from training_requests.staff_forms import (
    AssignForm,
    MarkReadForm,
    MessageForm,
    NoteForm,
    StateForm,
    VersionForm,
    read_filters,
    team_members,
)

PAGE_SIZE = 25
PARTNER_FORM = PublicForm(name="training_requests:partner")
RELOAD = gettext_lazy("Bitte laden Sie die Seite neu und versuchen Sie es noch einmal.")
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


def _page(request, training_request, *, forms=None, status=200, marked_read=0):
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
        "unread_count": marked_read,
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
    """The request page. Opening it marks the requester's replies read; the page still shows which
    of them were new (the thread was read before)."""
    training_request = _request_or_404(request_pk)
    shown = [message.pk for message in training_request.messages.all() if message.is_unread]
    if shown and request.method == "GET":  # a HEAD request shows nobody anything
        services.mark_read(actor=request.user, training_request=training_request, up_to=max(shown))
        return _page(request, training_request, marked_read=len(shown))
    return _page(request, training_request)


def _back(request_pk):
    return redirect("training_requests_staff:detail", request_pk=request_pk)


def _action(form_class, run, done, *, inline=None, then=None):
    """A POST from the request page: its form, then one service call (`run(request, training_request,
    data)`), then `done` as the success message (text, or `done(data, result)`) and back to the page
    (or to `then(data, result)`). Invalid input and refusals of the form named by `inline(form)` are
    shown in that form on the page; otherwise they come back as a message. A stale version tells
    that someone else changed the request in between, and nothing is written."""

    @require_POST
    @role_required(is_team)
    def view(request, request_pk):
        training_request = _request_or_404(request_pk)
        form = form_class(request.POST)
        shown_in = inline(form) if inline else None
        if not form.is_valid():
            if shown_in:
                return _page(request, training_request, forms={shown_in: form})
            messages.error(request, RELOAD)
            return _back(request_pk)
        data = form.cleaned_data
        try:
            result = run(request, training_request, data)
        except services.EditConflict:
            messages.error(request, CONFLICT)
            return _back(request_pk)
        except services.TransitionRefused as refused:
            if shown_in:
                form.add_error(form.refusal_field, refused.reason)
                return _page(request, training_request, forms={shown_in: form}, status=409)
            messages.error(request, refused.reason)
            return _back(request_pk)
        messages.success(request, done(data, result) if callable(done) else done)
        return redirect(then(data, result)) if then else _back(request_pk)

    return view


def _by(request, training_request, data=None):
    """The arguments every team write takes (and the version the page showed, where it has one)."""
    kwargs = {"actor": request.user, "training_request": training_request, "request": request}
    if data is not None:
        kwargs["expected_version"] = data["version"]
    return kwargs


change_state = _action(
    StateForm,
    lambda request, r, data: services.change_state(
        **_by(request, r, data), to_state=data["state"], reason=data["reason"]
    ),
    lambda data, result: (
        _("Die Anfrage ist jetzt „%(state)s“; die anfragende Person bekommt eine E-Mail.")
        % {"state": TrainingRequest.State(data["state"]).label}
    ),
    # The decline form (with its reason) shows its problems in place; the state buttons as a message.
    inline=lambda form: "decline" if form.data.get("state") == services.State.DECLINED else None,
)
assign = _action(
    AssignForm,
    lambda request, r, data: services.assign(**_by(request, r, data), assignee=data["assignee"]),
    gettext_lazy("Die Zuständigkeit ist gespeichert."),
    inline=lambda form: "assign",
)
add_note = _action(
    NoteForm,
    lambda request, r, data: services.add_note(**_by(request, r), body=data["body"]),
    gettext_lazy("Die Notiz ist gespeichert."),
    inline=lambda form: "note",
)
send_message = _action(
    MessageForm,
    lambda request, r, data: services.send_message(**_by(request, r), body=data["body"]),
    gettext_lazy("Die Nachricht ist verschickt."),
    inline=lambda form: "message",
)
plan_event = _action(
    VersionForm,
    lambda request, r, data: services.plan_event(**_by(request, r, data)),
    lambda data, event: (
        _(
            "Der Entwurf „%(title)s“ ist angelegt. Ergänzen Sie Termin, Ort und Ansprechperson "
            "und veröffentlichen Sie ihn."
        )
        % {"title": event.title}
    ),
    then=lambda data, event: reverse("events_staff:event_detail", kwargs={"pk": event.pk}),
)
mark_read = _action(
    MarkReadForm,
    lambda request, r, data: services.mark_read(actor=request.user, training_request=r, up_to=data["up_to"]),
    gettext_lazy("Die Antworten sind als gelesen markiert."),
    # Back to the queue as it was filtered (only its own parameters go along).
    then=lambda data, count: reverse("training_requests_staff:queue") + data["back"],
)


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
    """The dashboard panel: open requests nobody moved for more than a week, and requests with
    replies no team member has read."""
    rows, count = waiting_too_long()
    unread, unread_count = with_unread_replies()
    return {"waiting_requests": rows, "waiting_count": count, "unread_requests": unread, "unread_count": unread_count}
