"""The moderation queue of the board, inside the back-office frame."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from audit.services import record
from board import services
from board.models import Post
from board.permissions import can_moderate_board
from board.queries import QUEUES, queue_counts, review_queue
from board.staff_forms import ApproveForm, RejectForm
from core.exports import Column, download, export_format, export_links

PAGE_SIZE = 50
QUEUE_LABELS = {
    "pending": gettext_lazy("Zu prüfen"),
    "reported": gettext_lazy("Gemeldet"),
    "published": gettext_lazy("Öffentlich"),
    "closed": gettext_lazy("Beendet"),
}

# The columns of the queue's download (core.exports): what the table shows, one row per post.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Nr."), lambda post: post.pk),
    Column(gettext_lazy("Suche oder Biete"), lambda post: post.get_kind_display()),
    Column(gettext_lazy("Bereich"), lambda post: post.get_category_display()),
    Column(gettext_lazy("Überschrift"), lambda post: post.title),
    Column(gettext_lazy("Gemeinde"), lambda post: post.municipality.name),
    Column(gettext_lazy("Landkreis"), lambda post: post.municipality.district.name),
    Column(gettext_lazy("Wer schreibt"), lambda post: post.get_poster_display()),
    Column(gettext_lazy("Von"), lambda post: post.author_label),
    Column(gettext_lazy("E-Mail-Adresse"), lambda post: post.email),
    Column(gettext_lazy("Status"), lambda post: post.get_status_display()),
    Column(gettext_lazy("Offene Meldungen"), lambda post: post.open_reports),
    Column(gettext_lazy("Telefonnummer oder E-Mail-Adresse im Text"), lambda post: post.needs_review_for_contact_data),
    Column(gettext_lazy("Eingegangen"), lambda post: post.created_at),
    Column(gettext_lazy("Gültig bis"), lambda post: post.valid_until),
]


@require_safe
@role_required(can_moderate_board)
def queue(request):
    tab = request.GET.get("liste", "pending")
    if tab not in QUEUES:
        tab = "pending"
    fmt = export_format(request)
    if fmt:
        rows = list(review_queue(tab))
        details = {"queue": tab, "format": fmt, "rows": len(rows)}
        record(actor=request.user, action="board.queue_exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename=f"suche-biete-{tab}", sheet=_("Suche/Biete"))
    page = Paginator(review_queue(tab), PAGE_SIZE).get_page(request.GET.get("seite"))
    counts = queue_counts()
    tabs = [(key, QUEUE_LABELS[key], counts[key]) for key in QUEUES]
    record(actor=request.user, action="board.queue_viewed", target=None, details={"queue": tab}, request=request)
    context = {"page": page, "tab": tab, "tabs": tabs, "exports": export_links(request)}
    return render(request, "board/staff/queue.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_moderate_board)
def review(request, pk):
    post = get_object_or_404(Post.objects.for_cards(), pk=pk)
    action = request.POST.get("action") if request.method == "POST" else None
    approve_form = ApproveForm(
        request.POST if action == "approve" else None, initial={"version": post.version}, auto_id="approve_%s"
    )
    reject_form = RejectForm(
        request.POST if action == "reject" else None, initial={"version": post.version}, auto_id="reject_%s"
    )
    status = 200
    try:
        if action == "approve" and approve_form.is_valid():
            services.approve_post(
                post=post,
                by=request.user,
                version=approve_form.cleaned_data["version"],
                trust=approve_form.cleaned_data["trust"],
                request=request,
            )
            messages.success(request, _("„%(title)s“ ist freigegeben und öffentlich sichtbar.") % {"title": post.title})
            return redirect("board_staff:queue")
        if action == "reject" and reject_form.is_valid():
            services.reject_post(
                post=post,
                by=request.user,
                reason=reject_form.cleaned_data["reason"],
                version=reject_form.cleaned_data["version"],
                request=request,
            )
            messages.success(
                request,
                _("„%(title)s“ ist abgelehnt; die Begründung geht per E-Mail an die Person.") % {"title": post.title},
            )
            return redirect("board_staff:queue")
        if action == "dismiss":
            services.dismiss_reports(post=post, by=request.user, request=request)
            messages.success(
                request,
                _("Die Meldungen zu „%(title)s“ sind erledigt; der Beitrag bleibt öffentlich.") % {"title": post.title},
            )
            return redirect("board_staff:review", pk=post.pk)
    except services.StaleVersion:
        messages.error(
            request,
            _("Jemand anderes hat diesen Beitrag inzwischen bearbeitet. Bitte sehen Sie ihn sich noch einmal an."),
        )
        return redirect("board_staff:review", pk=post.pk)
    except services.NotReviewable:
        messages.error(request, _("Dieser Beitrag wartet nicht mehr auf eine Entscheidung."))
        return redirect("board_staff:review", pk=post.pk)
    if action:
        status = 400
    record(actor=request.user, action="board.post_viewed", target=post, request=request)
    context = {
        "post": post,
        "approve_form": approve_form,
        "reject_form": reject_form,
        "reports": list(post.reports.filter(handled_at__isnull=True)),
        "trusted": services.is_trusted(post),
    }
    return render(request, "board/staff/review.html", context, status=status)
