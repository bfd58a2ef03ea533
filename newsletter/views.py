"""Public pages of the newsletter: archive, issue, PDF, feed, sign-up and the personal links."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from core.public_forms import PublicForm, RateLimit
from core.text import render_markdown
from newsletter import services
from newsletter.forms import SignupForm, UnsubscribeForm
from newsletter.interests import InterestsForm
from newsletter.models import Issue, Subscriber
from newsletter.queries import issues_by_year
from newsletter.tokens import subscriber_for_confirm_token, subscriber_for_personal_token

SIGNUP_FORM = PublicForm(
    name="newsletter:signup",
    limits=(
        RateLimit(
            group="newsletter:signup",
            setting="NEWSLETTER_SIGNUP_RATE",
            message=_("Von hier kamen gerade viele Anmeldungen. Bitte versuchen Sie es in einer Stunde noch einmal."),
        ),
        RateLimit(
            group="newsletter:signup-address",
            setting="NEWSLETTER_SIGNUP_RATE_PER_EMAIL",
            message=_(
                "Für diese Adresse haben wir gerade schon Bestätigungen verschickt. Bitte sehen Sie in Ihr Postfach."
            ),
            key=lambda form: form.cleaned_data["email"].strip().lower(),
            field="email",
        ),
    ),
)


@require_safe
def archive(request):
    return render(request, "newsletter/archive.html", {"years": issues_by_year()})


def _published(slug):
    return get_object_or_404(Issue.objects.published(), slug=slug)


@require_safe
def issue(request, slug):
    item = _published(slug)
    return render(request, "newsletter/issue.html", {"issue": item, "issue_html": render_markdown(item.body)})


@require_safe
def pdf(request, slug):
    item = _published(slug)
    if not item.pdf:
        raise Http404
    try:
        handle = item.pdf.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, content_type="application/pdf", filename=item.pdf_filename)


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = SIGNUP_FORM.submit(
            request,
            form,
            action=lambda: services.subscribe(
                email=form.cleaned_data["email"],
                districts=form.cleaned_data["districts"],
                topics=form.cleaned_data["topics"],
                consent=form.consent(),
                language=get_language() or settings.LANGUAGE_CODE,
            ),
        )
        if submission.done:
            return redirect("newsletter:signed_up")
        status = submission.status
    return render(request, "newsletter/signup.html", {"form": form}, status=status)


@require_safe
def signed_up(request):
    return render(request, "newsletter/signed_up.html", {"hours": settings.NEWSLETTER_CONFIRM_HOURS})


def _link_problem(request, *, expired=False, token=""):
    return render(request, "newsletter/link_problem.html", {"expired": expired}, status=404 if not expired else 410)


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the mail opens a page; only its button confirms (mail scanners open links)."""
    lookup = subscriber_for_confirm_token(token)
    subscriber = lookup.subscriber
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _link_problem(request, expired=lookup.expired)
    if request.method == "POST":
        services.confirm(subscriber=subscriber)
        return redirect("newsletter:manage", token=services.personal_token_of(subscriber))
    context = {
        "already": subscriber.status == Subscriber.Status.ACTIVE,
        "manage_token": services.personal_token_of(subscriber),
    }
    return render(request, "newsletter/confirm.html", context)


def _subscriber_or_404(token):
    subscriber = subscriber_for_personal_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber_or_404(token)
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html", {"signup_again": True})
    initial = {"districts": list(subscriber.districts.all()), "topics": list(subscriber.topics.all())}
    form = InterestsForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and request.POST.get("action") == "resend":
        services.resend_confirmation(subscriber=subscriber)
        return redirect("newsletter:signed_up")
    if request.method == "POST" and form.is_valid():
        services.update_interests(
            subscriber=subscriber, districts=form.cleaned_data["districts"], topics=form.cleaned_data["topics"]
        )
        saved = True
    context = {
        "form": form,
        "subscriber": subscriber,
        "saved": saved,
        "token": token,
        "unsubscribe_form": UnsubscribeForm(),
    }
    return render(request, "newsletter/manage.html", context)


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """RFC 8058: a mail client POSTs `List-Unsubscribe=One-Click` here, without cookies or a token
    of ours; the signed personal link is the proof. A person opening the link sees a button."""
    subscriber = _subscriber_or_404(token)
    if request.method == "POST":
        if request.POST.get("List-Unsubscribe") == "One-Click":
            services.unsubscribe(subscriber=subscriber)
            return HttpResponse("unsubscribed\n", content_type="text/plain; charset=utf-8")
        form = UnsubscribeForm(request.POST)
        never_again = form.is_valid() and form.cleaned_data["never_again"]
        services.unsubscribe(subscriber=subscriber, never_again=never_again)
        return render(request, "newsletter/unsubscribed.html", {"never_again": never_again})
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html", {})
    return render(request, "newsletter/unsubscribe.html", {"form": UnsubscribeForm(), "token": token})
