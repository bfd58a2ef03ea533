"""Public pages of the board: list, post page with reply and report forms, posting, the poster's
personal link, alerts. Every form that writes or sends is a `core.public_forms.PublicForm`."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from board import services, tokens
from board.filters import read_filters
from board.forms import AlertForm, NewLinkForm, PostContentForm, PostForm, ReportForm
from board.queries import public_post, public_posts
from core.paging import page_with_note
from core.public_forms import PublicForm, RateLimit
from regions.queries import districts
from relay.flow import submit_contact
from relay.forms import RelayContactForm

PAGE_SIZE = 20

_TOO_MANY = gettext_lazy("Von hier kam gerade sehr viel. Bitte versuchen Sie es in einer Stunde noch einmal.")


def _by_address(form):
    return form.cleaned_data["email"].casefold()


POST_FORM = PublicForm(
    name="board:create",
    limits=(
        RateLimit(group="board:post", setting="BOARD_POST_RATE", message=_TOO_MANY),
        RateLimit(group="board:post-address", setting="BOARD_POST_RATE", message=_TOO_MANY, key=_by_address),
    ),
)
REPORT_FORM = PublicForm(
    name="board:report", limits=(RateLimit(group="board:report", setting="BOARD_REPORT_RATE", message=_TOO_MANY),)
)
ALERT_FORM = PublicForm(
    name="board:alert",
    limits=(
        RateLimit(group="board:alert", setting="BOARD_ALERT_RATE", message=_TOO_MANY),
        RateLimit(group="board:alert-address", setting="BOARD_ALERT_RATE", message=_TOO_MANY, key=_by_address),
    ),
)
LINK_FORM = PublicForm(
    name="board:new_link",
    limits=(
        RateLimit(group="board:link", setting="BOARD_LINK_RATE", message=_TOO_MANY),
        RateLimit(group="board:link-address", setting="BOARD_LINK_RATE", message=_TOO_MANY, key=_by_address),
    ),
)


@require_safe
def post_list(request):
    query = read_filters(request.GET, districts=districts())
    page, page_note = page_with_note(request, query.filter(public_posts()), PAGE_SIZE)
    context = {"query": query, "page": page, "notes": query.notes + ([page_note] if page_note else [])}
    return render(request, "board/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, pk):
    """The post, and replies through the relay: the poster's address is never shown."""
    post = public_post(pk)
    form = RelayContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = submit_contact(
            request, form, recipient_email=post.email, recipient_label=post.title, language=post.language
        )
        if submission.done:
            return redirect("board:contact_sent", pk=post.pk)
        status = submission.status
    return render(request, "board/detail.html", {"post": post, "form": form}, status=status)


@require_safe
def contact_sent(request, pk):
    post = public_post(pk)
    return render(request, "relay/sent.html", {"recipient_label": post.title, "back_url": post.get_absolute_url()})


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, pk):
    post = public_post(pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":

        def send_report():
            return services.report_post(post=post, reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])

        submission = REPORT_FORM.submit(request, form, action=send_report)
        if submission.done:
            messages.success(request, _("Danke für Ihre Meldung. Das Projektteam sieht sich den Beitrag an."))
            return redirect("board:detail", pk=post.pk)
        status = submission.status
    return render(request, "board/report.html", {"post": post, "form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def create(request):
    form = PostForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = POST_FORM.submit(
            request, form, action=lambda: services.create_post(form=form, language=get_language())
        )
        if submission.done:
            return redirect("board:created")
        status = submission.status
    return render(request, "board/create.html", {"form": form}, status=status)


@require_safe
def created(request):
    return render(request, "board/created.html")


def _link_problem(request, *, expired=False, used=False, alert=False):
    context = {"expired": expired, "used": used, "alert": alert, "form": NewLinkForm()}
    return render(request, "board/link_problem.html", context, status=404 if not used else 200)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def confirm(request, token):
    """The link in the mail opens a page; only its button confirms (mail scanners open links with GET)."""
    lookup = tokens.post_for_confirm_token(token)
    post = lookup.found
    if post is None:
        return _link_problem(request, expired=lookup.expired)
    if post.status != post.Status.UNCONFIRMED:
        return _link_problem(request, used=True)
    if request.method == "GET":
        return render(request, "board/confirm.html", {"post": post})
    post, _now = services.confirm_post(post=post)
    if post.status == post.Status.PUBLISHED:
        messages.success(request, _("Danke! Ihr Beitrag ist bestätigt und jetzt öffentlich."))
    else:
        messages.success(
            request, _("Danke! Ihr Beitrag ist bestätigt. Das Projektteam prüft ihn und schaltet ihn frei.")
        )
    return redirect("board:personal", token=tokens.personal_token(post))


@require_http_methods(["GET", "HEAD", "POST"])
def new_link(request):
    form = NewLinkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = LINK_FORM.submit(
            request, form, action=lambda: services.send_new_links(email=form.cleaned_data["email"])
        )
        if submission.done:
            return redirect("board:new_link_sent")
        status = submission.status
    return render(request, "board/new_link.html", {"form": form}, status=status)


@require_safe
def new_link_sent(request):
    return render(request, "board/new_link_sent.html")


def _own_post(token):
    post = tokens.post_for_personal_token(token)
    if post is None:
        raise Http404
    return post


@require_safe
def personal(request, token):
    post = _own_post(token)
    return render(request, "board/personal.html", {"post": post, "token": token})


@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, token):
    post = _own_post(token)
    if not post.is_open:
        return redirect("board:personal", token=token)
    form = PostContentForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        post = services.edit_post(form=form)
        if post.status == post.Status.PENDING:
            messages.success(
                request, _("Ihre Änderungen sind gespeichert. Das Projektteam prüft sie vor der Veröffentlichung.")
            )
        else:
            messages.success(request, _("Ihre Änderungen sind gespeichert."))
        return redirect("board:personal", token=token)
    return render(request, "board/edit.html", {"post": post, "form": form, "token": token})


@require_POST
def renew(request, token):
    post = services.renew_post(post=_own_post(token))
    messages.success(request, _("Ihr Beitrag gilt jetzt bis %(day)s.") % {"day": post.valid_until.strftime("%d.%m.%Y")})
    return redirect("board:personal", token=token)


@require_POST
def done(request, token):
    services.mark_done(post=_own_post(token))
    messages.success(request, _("Ihr Beitrag ist als erledigt markiert und nicht mehr öffentlich. Danke!"))
    return redirect("board:personal", token=token)


@require_http_methods(["GET", "HEAD", "POST"])
def delete(request, token):
    post = _own_post(token)
    if request.method == "POST":
        services.delete_post(post=post)
        return redirect("board:deleted")
    return render(request, "board/delete.html", {"post": post, "token": token})


@require_safe
def deleted(request):
    return render(request, "board/deleted.html")


# --- Alerts -------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def alert(request):
    form = AlertForm(request.POST or None, initial={k: request.GET.get(k, "") for k in ("art", "kategorie", "kreis")})
    status = 200
    if request.method == "POST":
        submission = ALERT_FORM.submit(
            request, form, action=lambda: services.subscribe_alert(**form.alert_values(), language=get_language())
        )
        if submission.done:
            return redirect("board:alert_sent")
        status = submission.status
    return render(request, "board/alert.html", {"form": form}, status=status)


@require_safe
def alert_sent(request):
    return render(request, "board/alert_sent.html")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def alert_confirm(request, token):
    lookup = tokens.alert_for_confirm_token(token)
    alert = lookup.found
    if alert is None:
        return _link_problem(request, expired=lookup.expired, alert=True)
    if alert.confirmed_at is not None:
        return _link_problem(request, used=True, alert=True)
    if request.method == "GET":
        return render(request, "board/alert_confirm.html", {"alert": alert})
    services.confirm_alert(alert=alert)
    return render(request, "board/alert_confirmed.html", {"alert": alert, "token": tokens.unsubscribe_token(alert)})


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail clients POST without a form; the signed token authorises
@require_http_methods(["GET", "HEAD", "POST"])
def alert_unsubscribe(request, token):
    alert = tokens.alert_for_unsubscribe_token(token)
    if request.method == "POST":
        if alert is not None:
            services.unsubscribe_alert(alert=alert)
        return render(request, "board/alert_unsubscribed.html")
    if alert is None:
        return render(request, "board/alert_unsubscribed.html", {"unknown": True}, status=404)
    return render(request, "board/alert_unsubscribe.html", {"alert": alert, "token": token})
