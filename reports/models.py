"""What reports keep about each registration beyond what registrations itself keeps.

Role, municipality, first time and attendance stay on the registration and its bookings after
anonymisation (registrations.statistics reads them); this table adds only the two facts the
anonymised registration cannot give: who the person was, as a keyed pseudonym (to count unique
people), and whether the registration ever waited for a place (waiting-list demand).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from registrations.models import Registration


class RegistrationFacts(models.Model):
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, primary_key=True, related_name="report_facts"
    )
    # HMAC of the normalised address (reports.pseudonyms); empty without an address or after erasure.
    pseudonym = models.CharField(_("Pseudonym"), max_length=64, blank=True)
    waited = models.BooleanField(_("stand auf der Warteliste"), default=False)

    class Meta:
        verbose_name = _("Berichtsdaten einer Anmeldung")
        verbose_name_plural = _("Berichtsdaten der Anmeldungen")
        # "Came before the period?" looks up each person's earlier registrations by pseudonym.
        indexes = [models.Index(fields=["pseudonym", "registration"], name="facts_person_idx")]

    def __str__(self):
        return f"#{self.registration_id}"
