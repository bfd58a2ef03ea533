"""Registrations: a person's sign-up for an offer, and one booking per event it takes a place in.

A `Registration` holds what the person told us. Its personal fields (name, e-mail, phone,
organisation, needs, answers) are kept apart from the facts reports need (role, municipality,
first time or returning, attendance on the bookings), so a retention job can blank the first
group and reports keep working.

A `Booking` is the registration's claim on one event's capacity: one for a single event, one per
module for a multi-module course. Arrival order is the booking id: bookings for an event are only
written while that event's row is locked, so ids grow in the order the locks were granted.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from core.text import localized
from events.models import Event
from privacy.models import ConsentFields
from regions.models import Municipality


class RegistrationSettings(models.Model):
    """Per-event registration options; an event without a row uses the defaults below."""

    class WaitingListMode(models.TextChoices):
        AUTO = "auto", _("automatisch nachrücken")
        OFFER = "offer", _("Platz anbieten, mit Frist")

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="registration_settings")
    offers_accessibility = models.BooleanField(_("fragt nach Barrierefreiheit"), default=True)
    offers_childcare = models.BooleanField(_("bietet Kinderbetreuung an"), default=False)
    offers_interpretation = models.BooleanField(_("bietet Sprachmittlung an"), default=False)
    offers_diet = models.BooleanField(_("fragt nach Ernährung"), default=True)
    waiting_list_mode = models.CharField(
        _("Warteliste"), max_length=8, choices=WaitingListMode.choices, default=WaitingListMode.AUTO
    )
    offer_hold_hours = models.PositiveSmallIntegerField(_("Frist für angebotene Plätze (Stunden)"), default=48)
    promote_after_deadline = models.BooleanField(
        _("nach Anmeldeschluss nachrücken lassen"),
        default=False,
        help_text=_("Das Team entscheidet; ohne Haken rückt nach Anmeldeschluss niemand mehr nach."),
    )

    class Meta:
        verbose_name = _("Anmeldeeinstellungen")
        verbose_name_plural = _("Anmeldeeinstellungen")

    def __str__(self):
        return str(self.event)


class Question(models.Model):
    """An event-specific question the team adds to the registration form."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Freitext")
        CHOICE = "choice", _("Auswahl")
        YES_NO = "yesno", _("Ja/Nein")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registration_questions")
    kind = models.CharField(_("Art"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    label = models.CharField(_("Frage (deutsch)"), max_length=300)
    label_en = models.CharField(_("Frage (englisch)"), max_length=300, blank=True)
    choices = models.TextField(_("Antworten (eine pro Zeile)"), blank=True)
    choices_en = models.TextField(_("Antworten englisch (eine pro Zeile)"), blank=True)
    required = models.BooleanField(_("Pflichtfrage"), default=False)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Frage zur Anmeldung")
        verbose_name_plural = _("Fragen zur Anmeldung")

    def __str__(self):
        return self.label

    @property
    def localized_label(self):
        return localized(self.label, self.label_en)

    def choice_pairs(self):
        """(stored value, shown label): the German text is stored so answers stay comparable."""
        values = [line.strip() for line in self.choices.splitlines() if line.strip()]
        shown = [line.strip() for line in self.choices_en.splitlines() if line.strip()]
        if get_language() != "en" or len(shown) != len(values):
            shown = values
        return list(zip(values, shown, strict=True))


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Ehrenamtlich engagiert")
    PROFESSIONAL = "professional", _("Hauptamtlich (z. B. Soziale Arbeit, Beratung)")
    ADMINISTRATION = "administration", _("Verwaltung")
    OTHER = "other", _("Anderes")


def without_address(prefix=""):
    """A filter for registrations nothing can be mailed to: no address given, or a placeholder
    under the reserved `.invalid` domain (anonymised). `prefix` reaches the registration, e.g.
    "registration__" from a booking."""
    return models.Q(**{f"{prefix}email": ""}) | models.Q(**{f"{prefix}email__endswith": ".invalid"})


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def unconfirmed_before(self, moment):
        return self.active().filter(email_confirmed_at__isnull=True, created_at__lt=moment)


class Registration(ConsentFields):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("Angebot"))
    # A random value the form carries: a double click or a resubmitted form finds the first row.
    submission_key = models.CharField(max_length=64, unique=True, editable=False)
    language = models.CharField(_("Sprache"), max_length=8, default="de")
    is_active = models.BooleanField(_("aktiv"), default=True)

    # Personal data: blanked by the retention job (see docs/architecture.md).
    name = models.CharField(_("Name"), max_length=200)
    # Empty only for people the team entered by hand (phone, paper, walk-in) who gave no address:
    # they get no mails at all (see `has_address`).
    email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=40, blank=True)
    organisation = models.CharField(_("Organisation/Initiative"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("Barrierefreiheit"), blank=True)
    childcare_needs = models.CharField(_("Kinderbetreuung"), max_length=300, blank=True)
    interpretation_language = models.CharField(_("Sprachmittlung"), max_length=100, blank=True)
    diet = models.CharField(_("Ernährung"), max_length=200, blank=True)
    answers = models.JSONField(_("Antworten"), default=dict, blank=True)

    # Facts for reports: kept after anonymisation.
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("Gemeinde")
    )
    first_time = models.BooleanField(_("erstmals dabei"), default=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    newsletter_consent = models.BooleanField(_("Newsletter gewünscht"), default=False)
    # Entered by the team (phone, paper, walk-in) rather than through the public form.
    entered_by_team = models.BooleanField(_("vom Team eingetragen"), default=False)
    email_confirmed_at = models.DateTimeField(_("E-Mail bestätigt am"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = pgettext_lazy("registration", "Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        constraints = [
            # The service also checks, under the event lock; this is the last line of defence.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=models.Q(is_active=True) & ~models.Q(email=""),
                name="one_active_registration_per_email",
            ),
            # Only the team may leave the address out; the public form always asks for it.
            models.CheckConstraint(
                condition=models.Q(entered_by_team=True) | ~models.Q(email=""),
                name="email_required_unless_entered_by_team",
            ),
        ]
        # Reports read a year of registrations at once (reports.queries.people): with these columns
        # in the index the database need not visit each wide registration row.
        indexes = [
            models.Index(
                fields=["event", "email_confirmed_at", "role", "first_time", "municipality"],
                name="registration_report_idx",
            ),
            # "Has this address a confirmed place anywhere?" at every registration (`places_and_earlier`).
            models.Index(fields=["email"], name="registration_email_idx"),
        ]

    def __str__(self):
        return f"#{self.pk} ({self.event})"

    @property
    def has_address(self):
        """False for people entered without an e-mail address, and once the address is anonymised:
        nothing is ever mailed to them."""
        return bool(self.email) and not self.email.endswith(".invalid")

    @property
    def outbox_key(self):
        """Names this registration on every mail written for it (`mail.OutboxMessage.belongs_to`),
        so the mails go with its personal data (`registrations.retention`)."""
        return f"registration:{self.pk}"


class BookingQuerySet(models.QuerySet):
    def taken(self):
        return self.filter(status__in=Booking.TAKEN)

    def waiting(self):
        return self.filter(status=Booking.Status.WAITING)


class Booking(models.Model):
    class Status(models.TextChoices):
        HELD = "held", _("Platz reserviert, E-Mail noch nicht bestätigt")
        CONFIRMED = "confirmed", _("Platz bestätigt")
        OFFERED = "offered", _("Platz angeboten")
        WAITING = "waiting", _("Warteliste")
        CANCELLED = "cancelled", _("abgesagt")
        LAPSED = "lapsed", _("verfallen (nicht bestätigt)")
        OFFER_EXPIRED = "offer_expired", _("Angebot verfallen")
        EVENT_CANCELLED = "event_cancelled", _("Veranstaltung abgesagt")

    # These count against capacity: a held place waits for its e-mail confirmation, an offered
    # place for its answer, so confirming or accepting can never oversell.
    TAKEN = (Status.HELD, Status.CONFIRMED, Status.OFFERED)
    ACTIVE = (*TAKEN, Status.WAITING)

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="bookings")
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="bookings")
    status = models.CharField(_("Status"), max_length=16, choices=Status.choices)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    offered_until = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(_("teilgenommen"), null=True, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("Platz")
        verbose_name_plural = _("Plätze")
        constraints = [models.UniqueConstraint(fields=["registration", "event"], name="one_booking_per_event")]
        indexes = [
            models.Index(fields=["event", "status", "id"], name="booking_event_status_idx"),
            # What reports read of every booking (reports.queries.people), without visiting the row.
            models.Index(
                fields=["registration", "status", "attended", "confirmed_at", "event"], name="booking_report_idx"
            ),
        ]

    def __str__(self):
        return f"{self.event} – {self.get_status_display()}"

    @property
    def has_place(self):
        return self.status in self.TAKEN

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class Reminder(models.Model):
    """One reminder mail sent for one booking; the unique pair makes each reminder go out once."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["booking", "days_before"], name="one_reminder_per_day")]

    def __str__(self):
        return f"{self.booking_id}: {self.days_before}"
