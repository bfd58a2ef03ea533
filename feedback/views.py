from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from audit.services import record
from core.exports import download, export_format, export_links
from events.permissions import can_manage_participants, can_read_feedback
from feedback import exports, queries, services
from feedback.forms import AnswerForm, PeriodForm
from participants.views.common import event_for


@require_http_methods(["GET", "HEAD", "POST"])
def survey(request, token):
    """The anonymous survey behind a single-use link; no login, no cookie beyond CSRF."""
    invitation = services.invitation_for(token)
    if invitation is None:
        return render(request, "feedback/closed.html", status=404)
    form = AnswerForm(request.POST or None)
    if form.is_valid():
        try:
            services.answer(token=token, values=form.cleaned_data)
        except services.SurveyClosed:
            return render(request, "feedback/closed.html", status=404)
        return render(request, "feedback/thanks.html", {"event": invitation.event})
    return render(request, "feedback/survey.html", {"form": form, "event": invitation.event})


def _results_allowed(user, event):
    return can_read_feedback(user)


@require_safe
@role_required(can_use_back_office)
def event_results(request, pk):
    event = event_for(request, pk, _results_allowed)
    answers = queries.event_answers(event)
    result = queries.summary(answers)
    fmt = export_format(request)
    if fmt:
        lines = list(exports.lines(result, queries.free_texts(answers), event_title=event.title))
        details = {"format": fmt, "answers": result["count"]}
        record(actor=request.user, action="feedback.exported", target=event, details=details, request=request)
        name = f"feedback-{slugify(event.title)[:60]}-{event.pk}"
        return download(fmt, exports.COLUMNS, lines, filename=name, sheet=_("Feedback"), title=event.title)
    services.mark_seen(event=event, count=result["count"])
    context = {
        "exports": export_links(request),
        "event": event,
        "result": result,
        "texts": queries.free_texts(answers),
        "pending": services.pending_invitees(event).count(),
        "can_invite": can_manage_participants(request.user, event) and not services.invite_problems(event),
        "nav": "feedback",
    }
    return render(request, "feedback/event_results.html", context)


@require_POST
@role_required(can_use_back_office)
def invite(request, pk):
    event = event_for(request, pk, can_manage_participants)
    if services.invite_problems(event):
        messages.error(request, _("Die Veranstaltung ist noch nicht vorbei. Laden Sie nach dem Ende zum Feedback ein."))
        return redirect("feedback_staff:event_results", pk=event.pk)
    mailing = services.invite(actor=request.user, event=event, request=request)
    if mailing is None:
        messages.info(request, _("Alle Anwesenden sind schon eingeladen."))
        return redirect("feedback_staff:event_results", pk=event.pk)
    text = ngettext(
        "%(n)s Einladung ist in der Warteschlange.", "%(n)s Einladungen sind in der Warteschlange.", mailing.planned
    )
    messages.success(request, text % {"n": mailing.planned})
    return redirect("participants_staff:mailing", pk=event.pk, mailing_pk=mailing.pk)


@require_safe
@role_required(can_read_feedback)
def period_results(request):
    form = PeriodForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    answers = queries.period_answers(data.get("von"), data.get("bis"))
    fmt = export_format(request)
    if fmt:
        result, events, texts = queries.summary(answers), queries.per_event(answers), queries.free_texts(answers)
        lines = list(exports.lines(result, texts, events=events))
        details = {
            "format": fmt,
            "answers": result["count"],
            "from": str(data.get("von") or ""),
            "to": str(data.get("bis") or ""),
        }
        record(actor=request.user, action="feedback.exported", target=None, details=details, request=request)
        return download(fmt, exports.COLUMNS, lines, filename="feedback-zeitraum", sheet=_("Feedback"))
    context = {
        "exports": export_links(request),
        "form": form,
        "result": queries.summary(answers),
        "events": queries.per_event(answers),
        "texts": queries.free_texts(answers),
        "nav": "feedback",
    }
    return render(request, "feedback/period_results.html", context)
