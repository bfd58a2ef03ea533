"""Which certificate went out to whom: one row per attended booking, so the worker sends each once."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Mailing
from registrations.models import Booking


class Certificate(models.Model):
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="certificate")
    mailing = models.ForeignKey(Mailing, on_delete=models.SET_NULL, null=True, related_name="certificates")
    sent_at = models.DateTimeField(_("verschickt"), default=timezone.now)

    class Meta:
        verbose_name = _("Teilnahmebescheinigung")
        verbose_name_plural = _("Teilnahmebescheinigungen")

    def __str__(self):
        return f"certificate for booking {self.booking_id}"
