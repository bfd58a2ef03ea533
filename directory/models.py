"""The Fachstellen-Wegweiser, modelled on the Open Referral HSDS 3.0 tables.

Every table keeps HSDS's UUID ids, so an exported package can be imported elsewhere (and
back) with the same identities. Field names follow HSDS where they exist; what HSDS does not
know (the Saxon municipality of a location, the districts a service covers, English labels of
topics) is stored in extra fields and exported as extension columns.

Only organisations' contact data belong here: no private person's name, e-mail or phone.
"""

import uuid

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import localized
from regions.models import District, Municipality


class HSDSRecord(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)

    class Meta:
        abstract = True


class Organization(HSDSRecord):
    name = models.CharField(_("Name"), max_length=200)
    alternate_name = models.CharField(_("Kurzname"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    email = models.EmailField(_("E-Mail der Organisation"), blank=True)
    website = models.URLField(_("Website"), blank=True)
    legal_status = models.CharField(_("Rechtsform"), max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking for the team's editor (not exchanged in HSDS).
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")

    def __str__(self):
        return self.name


class Taxonomy(HSDSRecord):
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    uri = models.URLField(_("URI"), blank=True)
    version = models.CharField(_("Version"), max_length=50, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Taxonomie")
        verbose_name_plural = _("Taxonomien")

    def __str__(self):
        return self.name


class TaxonomyTerm(HSDSRecord):
    """A topic such as "Asylverfahrensberatung"; `code` is also the topic's URL parameter."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms", null=True, blank=True)
    code = models.SlugField(_("Code"), max_length=80, unique=True)
    name = models.CharField(_("Name (deutsch)"), max_length=200)
    name_en = models.CharField(_("Name (englisch)"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    language = models.CharField(_("Sprache des Begriffs"), max_length=8, blank=True, default="de")

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return localized(self.name, self.name_en)


class ServiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Service.Status.ACTIVE)


class Service(HSDSRecord):
    class Status(models.TextChoices):
        ACTIVE = "active", _("aktiv")
        INACTIVE = "inactive", _("inaktiv")
        DEFUNCT = "defunct", _("eingestellt")
        TEMPORARILY_CLOSED = "temporarily closed", _("vorübergehend geschlossen")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="services", verbose_name=_("Organisation")
    )
    name = models.CharField(_("Name"), max_length=200)
    alternate_name = models.CharField(_("Kurzname"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    url = models.URLField(_("Website des Angebots"), blank=True)
    email = models.EmailField(_("E-Mail des Angebots"), blank=True)
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.ACTIVE)
    interpretation_services = models.TextField(_("Sprachmittlung"), blank=True)
    application_process = models.TextField(_("So erreichen Sie das Angebot"), blank=True)
    fees_description = models.TextField(_("Kosten"), blank=True)
    eligibility_description = models.TextField(_("Für wen"), blank=True)
    alert = models.TextField(_("Aktueller Hinweis"), blank=True)
    # Not auto_now: an import must keep the publisher's value so that exports round-trip.
    last_modified = models.DateTimeField(_("Zuletzt geändert"), default=timezone.now)
    # When the team last confirmed the entry is right (HSDS `assured_date`); set by "Geprüft" and on every save.
    last_checked_on = models.DateField(_("Zuletzt geprüft"), null=True, blank=True)
    # Optimistic locking for the team's editor (not exchanged in HSDS).
    version = models.PositiveIntegerField(default=1, editable=False)
    topics = models.ManyToManyField(
        TaxonomyTerm, through="Attribute", related_name="services", blank=True, verbose_name=_("Themen")
    )

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        # "Angebot" is also an event offer (events): an agency's service is translated apart.
        verbose_name = pgettext_lazy("directory service", "Angebot")
        verbose_name_plural = pgettext_lazy("directory service", "Angebote")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("directory:service", kwargs={"pk": self.pk})


class Attribute(HSDSRecord):
    """HSDS's link between a record and a taxonomy term; here always a service and a topic."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes")
    link_type = models.CharField(max_length=50, blank=True, default="topic")
    value = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["service_id", "taxonomy_term_id", "id"]
        constraints = [models.UniqueConstraint(fields=["service", "taxonomy_term"], name="attribute_once_per_term")]

    def __str__(self):
        return f"{self.service_id} → {self.taxonomy_term_id}"


class Location(HSDSRecord):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations", null=True, blank=True
    )
    name = models.CharField(_("Name"), max_length=200)
    alternate_name = models.CharField(_("Kurzname"), max_length=200, blank=True)
    description = models.TextField(_("Beschreibung"), blank=True)
    transportation = models.TextField(_("Anreise mit Bus und Bahn"), blank=True)
    latitude = models.FloatField(_("Breitengrad"))
    longitude = models.FloatField(_("Längengrad"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="directory_locations", verbose_name=_("Gemeinde")
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Standort")
        verbose_name_plural = _("Standorte")

    def __str__(self):
        return self.name


class Address(HSDSRecord):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=200, blank=True)
    address_1 = models.CharField(_("Straße und Hausnummer"), max_length=200)
    address_2 = models.CharField(_("Adresszusatz"), max_length=200, blank=True)
    city = models.CharField(pgettext_lazy("address", "Ort"), max_length=100)
    region = models.CharField(max_length=100, blank=True)
    state_province = models.CharField(max_length=100, default="Sachsen")
    postal_code = models.CharField(_("Postleitzahl"), max_length=10)
    country = models.CharField(max_length=2, default="DE")
    address_type = models.CharField(max_length=20, default="physical")

    class Meta:
        ordering = ["location_id", "id"]

    def __str__(self):
        return f"{self.address_1}, {self.postal_code} {self.city}"


class Accessibility(HSDSRecord):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="accessibility")
    description = models.TextField(_("Barrierefreiheit"))
    details = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["location_id", "id"]
        verbose_name_plural = _("Barrierefreiheit")

    def __str__(self):
        return self.description[:60]


class ServiceAtLocation(HSDSRecord):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="service_at_locations")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["service_id", "location_id", "id"]

    def __str__(self):
        return f"{self.service_id} @ {self.location_id}"


class Phone(HSDSRecord):
    """An office phone number of a service, location or organisation (never a person's)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones", null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="phones", null=True, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="phones", null=True, blank=True
    )
    number = models.CharField(_("Nummer"), max_length=40)
    extension = models.CharField(_("Durchwahl"), max_length=20, blank=True)
    type = models.CharField(_("Art"), max_length=20, default="voice")
    description = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        ordering = ["number", "id"]

    def __str__(self):
        return self.number


class Schedule(HSDSRecord):
    """Weekly opening hours as HSDS's RRULE-style fields: FREQ=WEEKLY, BYDAY, opens/closes."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="schedules", null=True, blank=True)
    freq = models.CharField(max_length=10, default="WEEKLY")
    byday = models.CharField(_("Wochentage (MO,TU,…)"), max_length=30)
    opens_at = models.TimeField(_("Öffnet um"))
    closes_at = models.TimeField(_("Schließt um"))
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    description = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        ordering = ["byday", "opens_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="schedule_closes_after"
            ),
        ]

    def __str__(self):
        return f"{self.byday} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Language(HSDSRecord):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages", null=True, blank=True)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="languages", null=True, blank=True)
    name = models.CharField(_("Sprache"), max_length=100)
    code = models.CharField(_("Sprachcode (ISO 639-1)"), max_length=8, db_index=True)
    note = models.CharField(_("Hinweis"), max_length=300, blank=True)

    class Meta:
        ordering = ["code", "id"]

    def __str__(self):
        return self.name


class ServiceArea(HSDSRecord):
    """Where a service is available: all of Saxony, one district, or one municipality."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(_("Name"), max_length=200)
    description = models.TextField(blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["service_id", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(district__isnull=True) | models.Q(municipality__isnull=True),
                name="service_area_one_scope",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def statewide(self):
        return self.district_id is None and self.municipality_id is None

    @property
    def ars(self):
        """Regionalschlüssel of the area: 14 (Saxony), 5 digits (district) or 12 (municipality)."""
        if self.municipality_id:
            return self.municipality.ars
        if self.district_id:
            return self.district.ars
        return SAXONY_ARS


SAXONY_ARS = "14"
