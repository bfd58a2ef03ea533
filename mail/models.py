"""The outbox: one row per e-mail, written in the transaction of the change that causes it."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        """Queued rows whose next attempt is due."""
        return self.filter(status=OutboxMessage.Status.QUEUED, next_attempt_at__lte=now or timezone.now())

    def stuck(self, now=None):
        """Rows claimed by a worker that never finished (killed mid-send)."""
        cutoff = (now or timezone.now()) - timedelta(seconds=settings.MAIL_SENDING_TIMEOUT)
        return self.filter(status=OutboxMessage.Status.SENDING, claimed_at__lte=cutoff)


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        SENDING = "sending", _("wird gesendet")
        SENT = "sent", _("gesendet")
        FAILED = "failed", _("fehlgeschlagen")

    to = models.EmailField(_("Empfänger"), max_length=254)
    reply_to = models.EmailField(_("Antwort an"), max_length=254, blank=True)
    subject = models.CharField(_("Betreff"), max_length=255, blank=True)
    text = models.TextField(_("Text"), blank=True)
    html = models.TextField(_("HTML"), blank=True)
    # [{"filename": ..., "mimetype": ..., "content": base64}] — kept in the row so the
    # worker needs nothing but the outbox to send.
    attachments = models.JSONField(_("Anhänge"), default=list, blank=True)
    language = models.CharField(_("Sprache"), max_length=10)
    template = models.CharField(_("Vorlage"), max_length=200)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    erase_body_after_send = models.BooleanField(_("Inhalt nach dem Senden löschen"), default=False)
    # Whose personal data the mail carries, as "<kind>:<id>" set by the caller (e.g.
    # "registration:42"): the owning app erases the rows with its record, whatever their state,
    # through `mail.services.erase_mails`. A string, so the mail app knows no other model.
    belongs_to = models.CharField(_("gehört zu"), max_length=100, blank=True, db_index=True)
    # Extra header lines the caller asks for, {name: value} (e.g. List-Unsubscribe for a
    # newsletter, RFC 8058). Never Message-ID, From, To or Reply-To: the outbox sets those.
    headers = models.JSONField(_("zusätzliche Kopfzeilen"), default=dict, blank=True)
    # False while subject, text and HTML are still to be rendered (`mail.rendering`): the caller left
    # the rendering to the worker, which gets the context from `render_with(**render_args)`.
    rendered = models.BooleanField(_("gerendert"), default=True)
    render_with = models.CharField(_("Kontext von"), max_length=200, blank=True)
    render_args = models.JSONField(_("Kontext-Argumente"), default=dict, blank=True)

    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("nächster Versuch"), default=timezone.now)
    claimed_at = models.DateTimeField(_("vom Worker übernommen"), null=True, blank=True)
    # Only the error class and SMTP code: server replies can quote the address.
    last_error = models.CharField(_("letzter Fehler"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("gesendet"), null=True, blank=True)
    created_at = models.DateTimeField(_("erstellt"), auto_now_add=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("ausgehende E-Mail")
        verbose_name_plural = _("ausgehende E-Mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="mail_outbox_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="mail_outbox_sent_has_sent_at",
            )
        ]

    def __str__(self):
        # No address here: __str__ ends up in admin logs and messages.
        return f"{self.template} #{self.pk} ({self.status})"
