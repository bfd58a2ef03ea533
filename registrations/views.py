from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.registry import announce
from events.calendars import calendar_bytes
from regions.queries import municipality_names
from registrations import services
from registrations.forms import AnswersForm, LostLinkForm, RegistrationForm
from registrations.permissions import registration_from_link
from registrations.queries import (
    answer_rows,
    bookable_events,
    bookings_with_positions,
    places_for,
    public_offer,
    questions_for,
    settings_for,
)
from registrations.ratelimits import LOST_LINK_LIMITS, REGISTRATION_FORM
from registrations.tokens import personal_token, registration_for_confirm_token


def confirm_hours():
    return settings.REGISTRATION_CONFIRM_HOURS


def _offer(slug, *, sent=False):
    # `services.register` uses these objects (see public_offer).
    offer = public_offer(slug, sent=sent)
    if offer is None:
        raise Http404
    return offer


def _personal_url(registration):
    return reverse("registrations:personal", kwargs={"token": personal_token(registration)})


@require_http_methods(["GET", "HEAD", "POST"])
def register(request, slug):
    event = _offer(slug, sent=request.method == "POST")
    if event.course_id:
        return redirect("registrations:register", slug=event.course.slug)
    # A form sent carries the places it showed (`seats_seen`); they are counted again only to show it.
    places = None if request.method == "POST" else places_for(bookable_events(event))
    options = {"options": settings_for(event), "questions": questions_for(event)}
    parts = [part for part in announce("registration_form_fields", event=event) if part]
    form = RegistrationForm(request.POST or None, seats_seen=_seats_free(places), parts=parts, **options)
    closed, status = services.closed_reason(event), 200
    if request.method == "POST" and closed:
        status = 409
    elif request.method == "POST":
        try:
            submission = REGISTRATION_FORM.submit(request, form, action=lambda: _register(event, form))
        except services.RegistrationClosed as exc:
            closed, status = exc.message, 409
        else:
            if submission.done:
                return redirect(_sent_url(event, form, outcome=submission.result))
            status = submission.status
    if request.method == "POST":  # shown again: with what the page shows, not read for a form sent
        event = _offer(slug)
    if places is None:
        places = places_for(bookable_events(event))
    context = {
        "event": event,
        "form": form,
        "places": places,
        "seats_free": _seats_free(places),
        "closed": closed,
        "municipality_names": municipality_names(),
    }
    return render(request, "registrations/form.html", context, status=status)


def _seats_free(places):
    return places is not None and not any(p.full for p in places)


def _register(event, form):
    return services.register(
        event=event,
        person=form.person(),
        consent=form.consent(),
        submission_key=form.cleaned_data["submission_key"],
        language=get_language(),
        extra=form.part_data(),
    )


def _sent_url(event, form, *, outcome):
    """The "sent" page; it warns when the places the form showed as free were gone meanwhile."""
    gone = outcome is not None and form.cleaned_data["seats_seen"] and outcome.some_waiting
    return reverse("registrations:sent", kwargs={"slug": event.slug}) + ("?voll=1" if gone else "")


@require_safe
def sent(request, slug):
    event = _offer(slug)
    context = {"event": event, "places_gone": request.GET.get("voll") == "1", "confirm_hours": confirm_hours()}
    return render(request, "registrations/sent.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def confirm(request, token):
    """The link in the mail opens a page; only its button confirms.

    Mail scanners and link previews open links with GET, so a GET must never confirm. A second
    POST (double click, form sent again) changes nothing and sends no second mail."""
    lookup = registration_for_confirm_token(token)
    if lookup.registration is None:
        return _link_problem(request, expired=lookup.expired)
    registration = lookup.registration
    if not registration.is_active:
        return _link_problem(request, lapsed=True)
    already = registration.email_confirmed_at is not None
    if request.method == "GET":
        context = {"registration": registration, "bookings": bookings_with_positions(registration), "already": already}
        context["personal_url"] = _personal_url(registration)
        return render(request, "registrations/confirm.html", context)
    if services.confirm_address(registration=registration) is None:
        return _link_problem(request, lapsed=True)
    if already:
        messages.info(request, _("Ihre E-Mail-Adresse ist bereits bestätigt."))
    else:
        messages.success(request, _("Danke! Ihre E-Mail-Adresse ist bestätigt."))
    return redirect(_personal_url(registration))


def _link_problem(request, **reasons):
    return render(request, "registrations/link_problem.html", {"form": LostLinkForm(), **reasons}, status=404)


@require_safe
def personal(request, token):
    registration = registration_from_link(token)
    bookings = bookings_with_positions(registration)
    context = {
        "registration": registration,
        "bookings": bookings,
        "token": token,
        "answers": answer_rows(registration, questions_for(registration.event)),
        "confirm_hours": confirm_hours(),
        # Other apps' boxes (hook `personal_page_box`), e.g. a course's progress; their own HTML.
        "boxes": mark_safe("".join(announce("personal_page_box", registration=registration, token=token))),  # noqa: S308
        "links": [
            link for links in announce("personal_page_links", registration=registration, token=token) for link in links
        ],
    }
    return render(request, "registrations/personal.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def change(request, token):
    registration = registration_from_link(token)
    options = {"options": settings_for(registration.event), "questions": questions_for(registration.event)}
    form = AnswersForm(request.POST or None, initial=AnswersForm.initial_for(registration), **options)
    if request.method == "POST" and form.is_valid():
        services.update_answers(registration=registration, changes=form.changes())
        messages.success(request, _("Ihre Angaben sind gespeichert."))
        return redirect("registrations:personal", token=token)
    context = {"registration": registration, "form": form, "token": token, "municipality_names": municipality_names()}
    return render(request, "registrations/change.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, token):
    registration = registration_from_link(token)
    if request.method == "POST":
        services.cancel_registration(registration=registration)
        messages.success(request, _("Ihre Anmeldung ist storniert. Wir haben Ihnen eine Bestätigung geschickt."))
        return redirect("registrations:personal", token=token)
    bookings = [b for b in bookings_with_positions(registration) if b.is_active]
    return render(
        request, "registrations/cancel.html", {"registration": registration, "bookings": bookings, "token": token}
    )


@require_POST
def accept(request, token, booking_id):
    registration = registration_from_link(token)
    booking = get_object_or_404(registration.bookings, pk=booking_id)
    try:
        services.accept_offer(booking=booking)
    except services.OfferNotOpen:
        messages.error(request, _("Dieses Angebot gilt nicht mehr. Wir melden uns, wenn wieder ein Platz frei wird."))
    else:
        messages.success(request, _("Ihr Platz ist bestätigt. Wir haben Ihnen eine E-Mail mit dem Termin geschickt."))
    return redirect("registrations:personal", token=token)


@require_safe
def calendar(request, token):
    registration = registration_from_link(token)
    events = [b.event for b in bookings_with_positions(registration) if b.is_active]
    response = HttpResponse(
        calendar_bytes(events, name=registration.event.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{registration.event.slug}.ics"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def lost_link(request):
    form = LostLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if not any(limit.reached(request, form) for limit in LOST_LINK_LIMITS):
            services.request_lost_links(email=email, language=get_language())
        # The same answer whether the address is known, unknown or rate-limited.
        return render(request, "registrations/lost_link_sent.html")
    return render(request, "registrations/lost_link.html", {"form": form})
