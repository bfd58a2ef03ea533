"""Add a person by hand, change, cancel, move up from the waiting list (team only)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from events.permissions import can_manage_participants
from participants import services
from participants.forms import PhoneRegistrationForm, TeamChangeForm
from participants.views.common import event_for
from regions.queries import municipality_names
from registrations.models import Booking
from registrations.queries import questions_for, settings_for
from registrations.services import NoPlaceFree, RegistrationClosed


def _booking(event, booking_pk):
    queryset = Booking.objects.select_related("registration__municipality", "event")
    return get_object_or_404(queryset, pk=booking_pk, event=event)


def _options(event):
    offer = event.course or event
    return {"options": settings_for(offer), "questions": questions_for(offer)}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def add(request, pk):
    event = event_for(request, pk, can_manage_participants)
    form = PhoneRegistrationForm(request.POST or None, **_options(event))
    if form.is_valid():
        try:
            registration = services.add_by_hand(
                actor=request.user,
                event=event,
                person=form.person(),
                language=form.cleaned_data["language"],
                request=request,
            )
        except RegistrationClosed as closed:
            form.add_error(None, closed.message)
        else:
            if registration is None:
                messages.info(
                    request, _("Diese Adresse ist schon angemeldet; die Person bekommt ihren Link noch einmal.")
                )
            elif registration.has_address:
                messages.success(request, _("Die Anmeldung ist gespeichert. Die Person bekommt die üblichen E-Mails."))
            else:
                messages.success(
                    request,
                    _(
                        "Die Anmeldung ist gespeichert. Ohne E-Mail-Adresse bekommt die Person keine E-Mails: "
                        "drucken Sie ihr die Bestätigung aus (in der Liste „Bestätigung drucken“) oder lesen Sie "
                        "sie vor."
                    ),
                )
            return redirect("participants_staff:participants", pk=event.pk)
    context = {"event": event, "form": form, "municipality_names": municipality_names(), "nav": "events"}
    return render(request, "participants/add.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def edit(request, pk, booking_pk):
    event = event_for(request, pk, can_manage_participants)
    registration = _booking(event, booking_pk).registration
    if request.method == "GET":
        # The form shows all the person told us (phone, needs, answers): an access like the list.
        services.record_view(actor=request.user, event=event, request=request, registration=registration.pk)
    initial = TeamChangeForm.initial_for(registration)
    form = TeamChangeForm(request.POST or None, initial=initial, **_options(registration.event))
    if form.is_valid():
        changes = {k: v for k, v in form.changes().items() if getattr(registration, k) != v}
        services.change_registration(actor=request.user, registration=registration, changes=changes, request=request)
        messages.success(request, _("Die Angaben sind gespeichert."))
        return redirect("participants_staff:participants", pk=event.pk)
    context = {
        "event": event,
        "form": form,
        "registration": registration,
        "municipality_names": municipality_names(),
        "nav": "events",
    }
    return render(request, "participants/edit.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def cancel(request, pk, booking_pk):
    event = event_for(request, pk, can_manage_participants)
    booking = _booking(event, booking_pk)
    if request.method == "POST":
        services.cancel_registration(actor=request.user, registration=booking.registration, request=request)
        messages.success(request, _("Die Anmeldung ist abgesagt. Die Person bekommt eine Bestätigung per E-Mail."))
        return redirect("participants_staff:participants", pk=event.pk)
    return render(request, "participants/cancel.html", {"event": event, "booking": booking, "nav": "events"})


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def promote(request, pk, booking_pk):
    event = event_for(request, pk, can_manage_participants)
    booking = _booking(event, booking_pk)
    problem = None if booking.status == Booking.Status.WAITING else _("Diese Person steht nicht auf der Warteliste.")
    if request.method == "POST" and not problem:
        try:
            services.promote(actor=request.user, booking=booking, request=request)
        except NoPlaceFree:
            problem = _(
                "Es ist kein Platz frei. Erhöhen Sie zuerst die Zahl der Plätze unter „Bearbeiten“ "
                "oder sagen Sie eine andere Anmeldung ab."
            )
        else:
            messages.success(request, _("Die Person ist nachgerückt und bekommt eine E-Mail."))
            return redirect("participants_staff:participants", pk=event.pk)
    status = 409 if request.method == "POST" and problem else 200
    context = {"event": event, "booking": booking, "problem": problem, "nav": "events"}
    return render(request, "participants/promote.html", context, status=status)
