"""The multiplier programme: when a course counts as completed, its completion certificates, and
the anonymous log of the consultations certified multipliers give.

Completion is never stored as a fact someone typed: it is computed from the check-ins of the
module bookings (`Booking.attended`) against the course's `CompletionRule` (multipliers.completion).
"""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organization
from events.models import Event, Language, Topic
from mail.models import OutboxMessage
from regions.models import District, Municipality
from registrations.models import Registration


class CompletionRule(models.Model):
    """What a course's participants must attend: modules that are mandatory and/or a minimum number.

    Without a rule, every module of the course is mandatory."""

    course = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="completion_rule")
    minimum_modules = models.PositiveSmallIntegerField(
        _("Mindestzahl der Module"), null=True, blank=True, help_text=_("Leer = alle Module.")
    )
    required_modules = models.ManyToManyField(Event, blank=True, related_name="+", verbose_name=_("Pflichtmodule"))
    allow_make_up = models.BooleanField(
        _("Nachholen in einem anderen Durchgang erlaubt"),
        default=False,
        help_text=_(
            "Ein verpasstes Modul zählt, wenn die Person dasselbe Modul in einem anderen Durchgang derselben "
            "Fortbildung besucht hat (der eine aus dem anderen kopiert, oder mit gleichem Titel)."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Abschlussregel")
        verbose_name_plural = _("Abschlussregeln")

    def __str__(self):
        return f"completion rule of course {self.course_id}"


class CertificateRun(models.Model):
    """One "send the certificates" action for a course; its outbox rows show how far it has got."""

    course = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="certificate_runs")
    planned = models.PositiveIntegerField(default=0)
    prepared_at = models.DateTimeField(null=True, blank=True)
    failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    messages = models.ManyToManyField(OutboxMessage, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Zertifikatsversand")
        verbose_name_plural = _("Zertifikatsversände")

    def __str__(self):
        return f"certificate run {self.pk} (course {self.course_id})"


class CompletionCertificate(models.Model):
    """The certificate mailed to one course registration; the row makes it go out once."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="completion_certificate")
    run = models.ForeignKey(CertificateRun, on_delete=models.SET_NULL, null=True, related_name="certificates")
    sent_at = models.DateTimeField(_("verschickt"), default=timezone.now)

    class Meta:
        verbose_name = _("Zertifikat")
        verbose_name_plural = _("Zertifikate")

    def __str__(self):
        return f"completion certificate of registration {self.registration_id}"


class Advised(models.TextChoices):
    VOLUNTEER = "volunteer", _("Ehrenamtliche_r")
    INITIATIVE = "initiative", _("Initiative")
    REFUGEE = "refugee", _("Geflüchtete Person")
    PROFESSIONAL = "professional", _("Fachkraft")
    ADMINISTRATION = "administration", _("Verwaltung")


class Duration(models.TextChoices):
    SHORT = "15", _("bis 15 Minuten")
    HALF_HOUR = "30", _("bis 30 Minuten")
    HOUR = "60", _("bis 1 Stunde")
    LONGER = "90", _("länger als 1 Stunde")


class Consultation(models.Model):
    """One consultation, anonymous by construction: categories and places, never a name.

    The only text is the name of an agency missing from the Wegweiser (checked: no e-mail
    addresses, phone numbers)."""

    # Empty once the person's data was erased or their profile expired: the numbers stay, anonymous.
    multiplier = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="consultations"
    )
    month = models.DateField(_("Monat"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+", verbose_name=_("Landkreis"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Gemeinde")
    )
    topics = models.ManyToManyField(Topic, related_name="+", verbose_name=_("Themen"))
    advised = models.CharField(_("Beraten wurde"), max_length=16, choices=Advised.choices)
    agency = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Weiterverwiesen an"),
    )
    other_agency = models.CharField(_("Andere Fachstelle"), max_length=120, blank=True)
    duration = models.CharField(_("Dauer"), max_length=2, choices=Duration.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "-id"]
        verbose_name = _("Beratung")
        verbose_name_plural = _("Beratungen")
        indexes = [models.Index(fields=["multiplier", "month"], name="consultation_owner_month_idx")]

    def __str__(self):
        return f"consultation {self.pk}"


# The wording a multiplier agrees to when listing their profile; raise the version when it changes.
LISTING_CONSENT_VERSION = 1
LISTING_CONSENT_TEXT = _(
    "Ich bin einverstanden, dass mein Anzeigename, meine Gemeinde mit Landkreis, meine Themen, Sprachen, "
    "meine Beschreibung und mein Hinweis zur Erreichbarkeit öffentlich gezeigt werden. Meine E-Mail-Adresse "
    "wird nie gezeigt; Nachrichten kommen über die Plattform. Ich kann das jederzeit abschalten."
)


class MultiplierQuerySet(models.QuerySet):
    def listed(self):
        return self.filter(listed=True, user__is_active=True, municipality__isnull=False)


class Multiplier(models.Model):
    """A certified multiplier's profile: their account, and what they choose to show publicly."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="multiplier_profile")
    registration = models.ForeignKey(Registration, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    display_name = models.CharField(_("Anzeigename"), max_length=80, help_text=_("Zum Beispiel Vorname und Initial."))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Gemeinde")
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("Themen"))
    languages = models.ManyToManyField(Language, blank=True, related_name="+", verbose_name=_("Sprachen"))
    how_i_help = models.TextField(_("So kann ich helfen"), max_length=600, blank=True)
    availability = models.CharField(_("Erreichbarkeit"), max_length=200, blank=True)
    listed = models.BooleanField(_("öffentlich gelistet"), default=False)
    listing_consent_version = models.PositiveSmallIntegerField(null=True, blank=True)
    listing_consented_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MultiplierQuerySet.as_manager()

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("Multiplikator_in")
        verbose_name_plural = _("Multiplikator_innen")
        indexes = [models.Index(fields=["listed", "municipality"], name="multiplier_listed_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(listed=False) | models.Q(listing_consented_at__isnull=False),
                name="multiplier_listed_needs_consent",
            )
        ]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("multipliers:profile", kwargs={"uuid": self.uuid})


class ContactNote(models.Model):
    """That someone wrote to a multiplier through the relay, and when: never who or what."""

    multiplier = models.ForeignKey(Multiplier, on_delete=models.CASCADE, related_name="contact_notes")
    sent_at = models.DateTimeField(default=timezone.now)
    address_shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self):
        return f"contact note {self.pk}"
