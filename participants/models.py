"""The team's work with the people of one event: who was present (check-in), who came without
registering (walk-in), and mailings to a group of them with their outbox rows (progress).

Nothing here copies personal data: a check-in points at the booking, so once the retention job
has blanked the registration, reports still count who attended which session.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event, Session
from mail.models import OutboxMessage
from registrations.models import Booking, Registration


class CheckIn(models.Model):
    """One person present at one session, or at the event itself when it has no sessions."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="check_ins")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, blank=True, related_name="check_ins")
    checked_in_at = models.DateTimeField(_("anwesend seit"), default=timezone.now)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("Anwesenheit")
        verbose_name_plural = _("Anwesenheiten")
        constraints = [
            models.UniqueConstraint(fields=["booking", "session"], name="one_check_in_per_session"),
            models.UniqueConstraint(
                fields=["booking"], condition=Q(session__isnull=True), name="one_check_in_per_event"
            ),
        ]

    def __str__(self):
        return f"booking {self.booking_id} session {self.session_id}"


class WalkIn(models.Model):
    """Marks a registration the team added at the door (the person came without registering)."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="walk_in")
    added_at = models.DateTimeField(default=timezone.now)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("ohne Anmeldung gekommen")
        verbose_name_plural = _("ohne Anmeldung gekommen")

    def __str__(self):
        return f"walk-in {self.registration_id}"


class Mailing(models.Model):
    """One mail to a group of an event's people; its outbox rows show how far sending has got."""

    class Kind(models.TextChoices):
        MESSAGE = "message", _("Nachricht")
        CERTIFICATES = "certificates", _("Teilnahmebescheinigungen")
        FEEDBACK = "feedback", _("Einladung zum Feedback")

    class Audience(models.TextChoices):
        PARTICIPANTS = "participants", _("alle mit Platz (bestätigt oder offen)")
        WAITING = "waiting", _("Warteliste")
        ATTENDEES = "attendees", _("alle Anwesenden")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="mailings")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    audience = models.CharField(max_length=16, choices=Audience.choices)
    subject = models.CharField(_("Betreff"), max_length=200, blank=True)
    planned = models.PositiveIntegerField(_("geplant"), default=0)
    # Set when every outbox row has been written (at once for messages, by the worker for certificates).
    prepared_at = models.DateTimeField(null=True, blank=True)
    # Certificates: how many the last worker run could not create (a PDF that failed); sending
    # again retries them.
    failed = models.PositiveIntegerField(_("nicht erstellt"), default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    messages = models.ManyToManyField(OutboxMessage, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Rundmail")
        verbose_name_plural = _("Rundmails")

    def __str__(self):
        return f"{self.kind} #{self.pk} (event {self.event_id})"
