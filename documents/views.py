from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from audit.services import record
from documents import queries, services
from events.permissions import can_check_in, can_manage_participants
from participants.models import Mailing
from participants.queries import mailing_progress
from participants.services import record_view
from participants.views.common import event_for
from registrations.permissions import registration_from_link


def _pdf(body, filename):
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_safe
@role_required(can_use_back_office)
def attendance_list(request, pk):
    event = event_for(request, pk, can_check_in)
    chosen = request.GET.get("termin", "")
    session = get_object_or_404(event.sessions, pk=int(chosen)) if chosen.isdigit() else None
    body = services.attendance_list_pdf(event, session)
    record(
        actor=request.user,
        action="participants.exported",
        target=event,
        details={"format": "attendance_list_pdf", "session": session.pk if session else None},
        request=request,
    )
    return _pdf(body, f"teilnahmeliste-{slugify(event.title)[:60]}-{event.pk}.pdf")


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def certificates(request, pk):
    event = event_for(request, pk, can_manage_participants)
    if request.method == "POST":
        mailing, started = services.start_certificate_mailing(actor=request.user, event=event, request=request)
        if mailing is None:
            messages.info(request, _("Alle Anwesenden haben ihre Bescheinigung schon bekommen."))
            return redirect("documents_staff:certificates", pk=event.pk)
        if started:
            text = ngettext(
                "%(n)s Bescheinigung wird erstellt und verschickt. Den Stand sehen Sie hier.",
                "%(n)s Bescheinigungen werden erstellt und verschickt. Den Stand sehen Sie hier.",
                mailing.planned,
            )
            messages.success(request, text % {"n": mailing.planned})
        else:
            messages.info(request, _("Die Bescheinigungen werden schon verschickt. Den Stand sehen Sie hier."))
        return redirect("participants_staff:mailing", pk=event.pk, mailing_pk=mailing.pk)
    mailings = mailing_progress(Mailing.objects.filter(event=event, kind=Mailing.Kind.CERTIFICATES))
    without_address = queries.attended_without_address(event)
    if without_address:
        record_view(actor=request.user, event=event, request=request, rows=len(without_address), certificates=True)
    context = {
        "event": event,
        "counts": queries.certificate_counts(event),
        "without_address": without_address,
        "mailings": mailings,
        "nav": "events",
    }
    return render(request, "documents/certificates.html", context)


@require_safe
@role_required(can_use_back_office)
def certificate_to_print(request, pk, booking_pk):
    """One person's certificate for the team to print (someone present who left no e-mail address)."""
    event = event_for(request, pk, can_manage_participants)
    booking = get_object_or_404(queries.attended_bookings(event), pk=booking_pk)
    record(
        actor=request.user,
        action="participants.exported",
        target=event,
        details={"format": "certificate_pdf", "booking": booking.pk},
        request=request,
    )
    filename = services.certificate_filename(event).removesuffix(".pdf") + f"-{booking.pk}.pdf"
    return _pdf(services.certificate_for(booking), filename)


@require_safe
def my_certificate(request, token, booking_id):
    """The person's own certificate through their personal link (only for events they attended)."""
    registration = registration_from_link(token)
    booking = registration.bookings.filter(pk=booking_id, attended=True).first()
    if booking is None:
        raise Http404
    record(actor=None, action="certificate.downloaded", target=booking.event, details={"booking": booking.pk})
    return _pdf(services.certificate_for(booking), services.certificate_filename(booking.event))
