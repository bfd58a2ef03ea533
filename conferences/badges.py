"""Name badges: who gets one, what it says, the QR code that opens the person's check-in, the PDF."""

from dataclasses import dataclass

import segno
from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _

from conferences.models import Badge, Speaker
from documents.pdf import render_pdf
from registrations.models import Booking, Registration

SALT = "conferences.badge-check-in.v1"


def badge_token(registration):
    """Signs only the registration's random UUID: the QR code carries no name or address."""
    return signing.Signer(salt=SALT).sign(registration.uuid.hex)


def registration_for_badge(token):
    try:
        value = signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None
    return Registration.objects.filter(uuid=value, anonymised_at__isnull=True).first()


def check_in_url(event, registration):
    path = reverse("conferences_staff:badge_checkin", kwargs={"pk": event.pk, "token": badge_token(registration)})
    return f"{settings.SITE_URL}{path}"


@dataclass
class BadgeRow:
    name: str
    pronouns: str
    organisation: str
    role: str
    qr: str  # an SVG data URI, or "" (speakers and team check in differently)
    qr_url: str
    registration: Registration | None = None


def printed_name(registration, badge):
    if badge is not None and badge.name_style == Badge.NameStyle.FIRST:
        return registration.name.split()[0] if registration.name.split() else registration.name
    return registration.name


def participants(event, *, only_new=False, registration_id=None):
    """Everyone with a place (held, confirmed or offered), with their badge wishes: two queries."""
    registrations = (
        Registration.objects.filter(
            event=event, is_active=True, anonymised_at__isnull=True, bookings__status__in=Booking.TAKEN
        )
        .distinct()
        .select_related("badge")
        .order_by("name", "id")
    )
    if registration_id is not None:
        registrations = registrations.filter(pk=registration_id)
    if only_new:
        registrations = registrations.exclude(badge__printed_at__isnull=False)
    return list(registrations)


def _badge(registration):
    try:
        return registration.badge
    except Badge.DoesNotExist:
        return None


def rows(event, conference, *, only_new=False, registration_id=None, with_others=True):
    result = []
    for registration in participants(event, only_new=only_new, registration_id=registration_id):
        badge = _badge(registration)
        url = check_in_url(event, registration)
        result.append(
            BadgeRow(
                name=printed_name(registration, badge),
                pronouns=badge.pronouns if badge else "",
                organisation=registration.organisation,
                role=_("Teilnehmer_in"),
                qr=segno.make(url, error="m").svg_data_uri(scale=4, border=1),
                qr_url=url,
                registration=registration,
            )
        )
    if with_others and not only_new and registration_id is None:
        for speaker in Speaker.objects.filter(conference=conference).order_by("name"):
            result.append(BadgeRow(speaker.name, "", speaker.organisation, _("Referent_in"), "", ""))
        for trainer in event.trainers.order_by("last_name", "first_name", "pk"):
            name = trainer.get_full_name() or trainer.email.split("@")[0]
            result.append(BadgeRow(name, "", settings.ORGANISER_NAME, _("Team"), "", ""))
    return result


def badges_pdf(event, badge_rows, *, layout):
    """`layout` "a6" (one badge per A6 page) or "a4" (8 labels of 105 × 74 mm per A4 page)."""
    pages = (
        [badge_rows[i : i + 8] for i in range(0, len(badge_rows), 8)]
        if layout == "a4"
        else [[row] for row in badge_rows]
    )
    return render_pdf("conferences/badges.html", {"event": event, "pages": pages, "layout": layout})
