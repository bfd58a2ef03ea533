"""The team's newsletter pages in the back-office frame: issues, sending, progress."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from audit.services import record
from core.exports import Column, download, export_format, export_links
from newsletter import services
from newsletter.models import Issue, Sending
from newsletter.permissions import can_manage_newsletter
from newsletter.queries import progress, recipients, sendings_of, staff_issues, subscriber_counts
from newsletter.staff_forms import IssueForm, SendingForm

REFUSALS = {
    "empty": gettext_lazy("Für diese Auswahl gibt es keine Empfänger_innen (oder alle haben die Ausgabe schon)."),
    "unpublished": gettext_lazy("Die Ausgabe ist noch nicht veröffentlicht. Veröffentlichen Sie sie zuerst."),
}

# The issues table as a download (core.exports); the page shows subscribers only as counts, so does this.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Ausgabe"), lambda issue: issue.label),
    Column(gettext_lazy("Titel"), lambda issue: issue.title),
    Column(gettext_lazy("veröffentlicht"), lambda issue: issue.published_at),
    Column(gettext_lazy("Exemplare verschickt"), lambda issue: issue.copies),
]


@require_safe
@role_required(can_manage_newsletter)
def overview(request):
    fmt = export_format(request)
    if fmt:
        rows = list(staff_issues())
        details = {"format": fmt, "rows": len(rows)}
        record(actor=request.user, action="newsletter.issues_exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename="newsletter-ausgaben", sheet=_("Ausgaben"))
    context = {"issues": staff_issues(), "counts": subscriber_counts(), "exports": export_links(request)}
    return render(request, "newsletter/staff/overview.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_newsletter)
def issue_edit(request, pk=None):
    issue = get_object_or_404(Issue, pk=pk) if pk else Issue()
    form = IssueForm(request.POST or None, request.FILES or None, instance=issue)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            issue = services.save_issue(form=form, by=request.user, request=request)
        except services.StaleIssue:
            form.add_error(None, _("Jemand hat die Ausgabe inzwischen geändert. Laden Sie die Seite neu."))
            status = 409
        else:
            messages.success(request, _("Die Ausgabe %(label)s ist gespeichert.") % {"label": issue.label})
            return redirect("newsletter_staff:issue_edit", pk=issue.pk)
    return render(request, "newsletter/staff/issue_form.html", {"form": form, "issue": issue}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_newsletter)
def send(request, pk):
    """Choose recipients (GET shows the count), send a test to oneself, then send."""
    issue = get_object_or_404(Issue, pk=pk)
    data = request.POST if request.method == "POST" else (request.GET if "zaehlen" in request.GET else None)
    form = SendingForm(data)
    count, status = None, 200
    if form.is_bound and form.is_valid():
        chosen = recipients(districts=form.cleaned_data["districts"], topics=form.cleaned_data["topics"])
        count = chosen.exclude(deliveries__issue=issue).count()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "test":
            services.send_test(issue=issue, by=request.user, request=request)
            messages.success(request, _("Eine Testausgabe ist an Ihre eigene Adresse unterwegs."))
            return redirect("newsletter_staff:send", pk=issue.pk)
        if action == "send" and form.is_valid():
            try:
                sending = services.start_sending(
                    issue=issue,
                    districts=form.cleaned_data["districts"],
                    topics=form.cleaned_data["topics"],
                    by=request.user,
                    request=request,
                )
            except services.SendingRefused as refusal:
                form.add_error(None, REFUSALS[refusal.message])
                status = 409
            else:
                return redirect("newsletter_staff:sending", pk=sending.pk)
    context = {"issue": issue, "form": form, "count": count, "sendings": sendings_of(issue)}
    return render(request, "newsletter/staff/send.html", context, status=status)


@require_safe
@role_required(can_manage_newsletter)
def sending(request, pk):
    item = get_object_or_404(Sending.objects.select_related("issue", "started_by"), pk=pk)
    return render(request, "newsletter/staff/sending.html", {"sending": item, "figures": progress(item)})
