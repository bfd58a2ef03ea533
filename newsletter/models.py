"""The newsletter: issues (archive), subscribers (double opt-in), sendings and one delivery row
per issue and subscriber — the unique constraint that makes every copy go out at most once."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.models import ConsentFields


class IssueQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())


class Issue(models.Model):
    """One issue, e.g. 02/2015: a PDF, an HTML version written in Markdown, or both."""

    year = models.PositiveSmallIntegerField(_("Jahr"))
    number = models.PositiveSmallIntegerField(_("Nummer"))
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(unique=True)
    summary = models.TextField(_("Kurzfassung"), max_length=600, blank=True)
    body = models.TextField(_("Text (Markdown)"), blank=True)
    pdf = models.FileField(_("PDF"), upload_to="newsletter/%Y/", blank=True)
    published_at = models.DateTimeField(_("veröffentlicht"), null=True, blank=True)
    created_at = models.DateTimeField(_("erstellt"), default=timezone.now)
    updated_at = models.DateTimeField(_("geändert"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("Newsletter-Ausgabe")
        verbose_name_plural = _("Newsletter-Ausgaben")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="newsletter_issue_year_number"),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="newsletter_issue_number_positive"),
        ]

    def __str__(self):
        return f"{self.label} – {self.title}"

    @property
    def label(self):
        return f"{self.number:02d}/{self.year}"

    @property
    def is_published(self):
        return self.published_at is not None and self.published_at <= timezone.now()

    def get_absolute_url(self):
        return reverse("newsletter:issue", kwargs={"slug": self.slug})

    @property
    def pdf_url(self):
        return reverse("newsletter:pdf", kwargs={"slug": self.slug}) if self.pdf else ""

    @property
    def pdf_filename(self):
        return f"newsletter-{self.year}-{self.number:02d}.pdf"


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Subscriber.Status.ACTIVE)

    def current(self):
        """Pending or active: the rows that still hold an address."""
        return self.filter(status__in=[Subscriber.Status.PENDING, Subscriber.Status.ACTIVE])


class Subscriber(ConsentFields):
    """One subscription. After unsubscribing the address is erased at once; the row stays without
    it (status, dates, districts and topics), so the counts of reports survive."""

    class Status(models.TextChoices):
        PENDING = "pending", _("wartet auf Bestätigung")
        ACTIVE = "active", _("aktiv")
        UNSUBSCRIBED = "unsubscribed", _("abgemeldet")

    class Source(models.TextChoices):
        SITE = "site", _("Anmeldeformular")
        REGISTRATION = "registration", _("Anmeldung zu einer Veranstaltung")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("E-Mail"), max_length=254, blank=True)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    status = models.CharField(_("Status"), max_length=15, choices=Status.choices, default=Status.PENDING)
    source = models.CharField(_("Herkunft"), max_length=15, choices=Source.choices, default=Source.SITE)
    districts = models.ManyToManyField("regions.District", blank=True, verbose_name=_("Regionen"))
    topics = models.ManyToManyField("events.Topic", blank=True, verbose_name=_("Themen"))
    created_at = models.DateTimeField(_("angemeldet"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("bestätigt"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("abgemeldet"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("Newsletter-Abonnent_in")
        verbose_name_plural = _("Newsletter-Abonnent_innen")
        constraints = [
            models.UniqueConstraint(
                fields=["email"],
                condition=models.Q(status__in=["pending", "active"]),
                name="newsletter_one_subscription_per_address",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="unsubscribed") | models.Q(email=""),
                name="newsletter_unsubscribed_has_no_address",
            ),
        ]

    def __str__(self):
        return f"Subscriber #{self.pk} ({self.status})"

    @property
    def outbox_key(self):
        """`belongs_to` of every mail written to this subscriber (`mail.services.erase_mails`)."""
        return f"newsletter-subscriber:{self.pk}"


class Suppression(models.Model):
    """ "Never again": only a keyed hash of the address (HMAC with the site's secret), no address."""

    address_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Sperre („nie wieder“)")
        verbose_name_plural = _("Sperren („nie wieder“)")

    def __str__(self):
        return f"Suppression #{self.pk}"


class Sending(models.Model):
    """The team sends one issue to the subscribers of some regions and topics (none = all)."""

    class Status(models.TextChoices):
        RUNNING = "running", _("läuft")
        QUEUED = "queued", _("alle in der Warteschlange")
        DONE = "done", _("abgeschlossen")

    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="sendings")
    districts = models.ManyToManyField("regions.District", blank=True, verbose_name=_("Regionen"))
    topics = models.ManyToManyField("events.Topic", blank=True, verbose_name=_("Themen"))
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    recipients_at_start = models.PositiveIntegerField(_("Empfänger_innen beim Start"), default=0)
    rate_per_minute = models.PositiveIntegerField(_("Mails pro Minute"))
    next_batch_at = models.DateTimeField(_("nächster Schub"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("gestartet"), default=timezone.now)
    queued_at = models.DateTimeField(_("alle eingereiht"), null=True, blank=True)
    # The final report, written once every copy is sent or failed (the outbox rows go later).
    finished_at = models.DateTimeField(_("abgeschlossen"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("gesendet"), default=0)
    failed_count = models.PositiveIntegerField(_("fehlgeschlagen"), default=0)
    withdrawn_count = models.PositiveIntegerField(_("zurückgezogen"), default=0)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("Newsletter-Versand")
        verbose_name_plural = _("Newsletter-Versände")
        constraints = [
            # One running sending per issue: starting it twice finds the first one.
            models.UniqueConstraint(
                fields=["issue"], condition=models.Q(status="running"), name="newsletter_one_running_sending"
            )
        ]

    def __str__(self):
        return f"Sending #{self.pk} of issue {self.issue_id}"


class Delivery(models.Model):
    """One copy of one issue for one subscriber: at most one row per pair, whatever happens."""

    class Outcome(models.TextChoices):
        QUEUED = "queued", _("in der Warteschlange")
        WITHDRAWN = "withdrawn", _("zurückgezogen (abgemeldet)")

    sending = models.ForeignKey(Sending, on_delete=models.CASCADE, related_name="deliveries")
    issue = models.ForeignKey(Issue, on_delete=models.PROTECT, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    # The outbox row's id (mail is a leaf: no foreign key into it). Empty once withdrawn.
    outbox_id = models.PositiveBigIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.QUEUED)
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Zustellung")
        verbose_name_plural = _("Zustellungen")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_one_copy_per_subscriber")
        ]

    def __str__(self):
        return f"Delivery #{self.pk} ({self.outcome})"
