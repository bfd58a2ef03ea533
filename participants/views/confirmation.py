"""A printable confirmation for one person (team only): for people entered without an e-mail
address, who get no mails, the team prints it or reads it out on the phone."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from events.permissions import can_manage_participants
from participants import queries, services
from participants.views.common import event_for
from registrations.models import Booking


@require_safe
@role_required(can_use_back_office)
def confirmation(request, pk, booking_pk):
    event = event_for(request, pk, can_manage_participants)
    bookings = Booking.objects.select_related("registration", "event__venue__municipality", "event__contact")
    booking = get_object_or_404(bookings, pk=booking_pk, event=event)
    (booking,) = queries.with_waiting_positions([booking])
    services.record_view(actor=request.user, event=event, request=request, confirmation=booking.pk)
    context = {
        "event": booking.event,
        "booking": booking,
        "registration": booking.registration,
        "sessions": list(event.sessions.select_related("venue__municipality")),
        "nav": "events",
    }
    return render(request, "participants/confirmation.html", context)
