"""Webhook subscriptions of an account and every delivery made to them (the delivery log)."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventType(models.TextChoices):
    EVENT_PUBLISHED = "event.published", _("Veranstaltung veröffentlicht")
    EVENT_CHANGED = "event.changed", _("Veranstaltung geändert (Datum, Zeit, Ort)")
    EVENT_CANCELLED = "event.cancelled", _("Veranstaltung abgesagt")
    REGISTRATION_CONFIRMED = "registration.confirmed", _("Anmeldung bestätigt")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Anmeldung storniert")
    WAITLIST_PROMOTED = "waitlist.promoted", _("Von der Warteliste nachgerückt")


def new_salt():
    return secrets.token_hex(16)


class Subscription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="webhook_subscriptions")
    url = models.URLField(_("Adresse (URL)"), max_length=500)
    event_types = models.JSONField(_("Ereignisse"), default=list)
    # The signing secret is derived from SECRET_KEY and this salt (webhooks.signing), never stored.
    salt = models.CharField(max_length=32, default=new_salt)
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Webhook")
        verbose_name_plural = _("Webhooks")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"webhook {self.pk}"


class Delivery(models.Model):
    """One message to one subscription; the same `message_id` on every attempt (webhook-id)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet")
        SENDING = "sending", _("wird gesendet")
        SUCCEEDED = "succeeded", _("zugestellt")
        FAILED = "failed", _("aufgegeben")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    message_id = models.CharField(max_length=40, unique=True)
    event_type = models.CharField(max_length=40, choices=EventType.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_duration_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Webhook-Zustellung")
        verbose_name_plural = _("Webhook-Zustellungen")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due")]

    def __str__(self):
        return self.message_id
