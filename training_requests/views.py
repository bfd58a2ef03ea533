"""Public pages: „Schulung anfragen“, the address confirmation, and the requester's personal page
(the request, its state, the messages; reply and withdraw)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.public_forms import PublicForm, RateLimit
from training_requests import services
from training_requests.forms import PublicRequestForm, ReplyForm
from training_requests.queries import requester_page
from training_requests.tokens import personal_token, request_for_confirm_token, request_for_personal_token

REQUEST_FORM = PublicForm(
    name="training_requests:request",
    limits=(
        RateLimit(
            group="training_requests:ip",
            setting="TRAINING_REQUEST_RATE_PER_IP",
            message=gettext_lazy(
                "Von hier kamen gerade viele Anfragen. Bitte versuchen Sie es in einer Stunde noch einmal."
            ),
        ),
        RateLimit(
            group="training_requests:email",
            setting="TRAINING_REQUEST_RATE_PER_EMAIL",
            message=gettext_lazy("Von dieser Adresse kamen gerade viele Anfragen. Bitte warten Sie eine Stunde."),
            key=lambda form: form.cleaned_data["contact_email"].lower(),
            field="contact_email",
        ),
    ),
)
REPLY_FORM = PublicForm(
    name="training_requests:reply",
    limits=(
        RateLimit(
            group="training_requests:reply",
            setting="TRAINING_REQUEST_RATE_PER_IP",
            message=gettext_lazy("Sie haben gerade viele Nachrichten geschickt. Bitte warten Sie eine Stunde."),
        ),
    ),
)


@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    form = PublicRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        language = request.LANGUAGE_CODE
        submission = REQUEST_FORM.submit(
            request, form, action=lambda: services.submit_request(form=form, language=language)
        )
        if submission.done:
            return redirect("training_requests:sent")
        status = submission.status
    return render(request, "training_requests/request_form.html", {"form": form}, status=status)


@require_safe
def sent(request):
    return render(request, "training_requests/sent.html")


def _link_problem(request, *, expired=False):
    return render(request, "training_requests/link_problem.html", {"expired": expired}, status=404)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def confirm(request, token):
    """The link in the mail opens a page; only its button confirms (mail scanners open links)."""
    training_request, expired = request_for_confirm_token(token)
    if training_request is None:
        return _link_problem(request, expired=expired)
    if request.method != "POST":
        already = training_request.email_confirmed_at is not None
        return render(request, "training_requests/confirm.html", {"already": already})
    training_request, first = services.confirm_address(training_request=training_request)
    if first:
        messages.success(request, _("Danke! Ihre Anfrage ist bestätigt und liegt jetzt beim Projektteam."))
    else:
        messages.info(request, _("Ihre Anfrage ist bereits bestätigt."))
    return redirect("training_requests:personal", token=personal_token(training_request))


def _from_link(token):
    training_request = request_for_personal_token(token)
    if training_request is None or training_request.email_confirmed_at is None:
        raise Http404
    return training_request


def _personal(request, token, training_request, *, reply_form=None, status=200):
    context = {
        "training_request": requester_page(training_request),
        "token": token,
        "reply_form": reply_form or ReplyForm(),
        "can_withdraw": services.transition_problem(training_request, services.State.WITHDRAWN) is None,
    }
    return render(request, "training_requests/personal.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def personal(request, token):
    """The request, its state and the thread; a POST is the requester's reply."""
    training_request = _from_link(token)
    if request.method != "POST":
        return _personal(request, token, training_request)
    form = ReplyForm(request.POST)
    try:
        submission = REPLY_FORM.submit(
            request,
            form,
            action=lambda: services.requester_reply(training_request=training_request, body=form.cleaned_data["body"]),
        )
    except services.TransitionRefused as refused:
        messages.error(request, refused.reason)
        return redirect("training_requests:personal", token=token)
    if submission.done:
        messages.success(request, _("Ihre Nachricht ist beim Projektteam angekommen."))
        return redirect("training_requests:personal", token=token)
    return _personal(request, token, training_request, reply_form=form, status=submission.status)


@require_POST
def withdraw(request, token):
    """A second click finds the request withdrawn already and changes nothing."""
    training_request = _from_link(token)
    try:
        services.withdraw(training_request=training_request)
    except services.TransitionRefused as refused:
        messages.error(request, refused.reason)
    else:
        messages.success(request, _("Ihre Anfrage ist zurückgezogen."))
    return redirect("training_requests:personal", token=token)
