from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import LocalizedText, fold, localized, render_markdown
from regions.models import Municipality


class ReferenceData(models.Model):
    """Reference data the team keeps on the Stammdaten pages: archived items vanish from the choices
    on the event form and the public filters, events that have them keep them. `version` guards
    against two people overwriting each other's edits."""

    archived = models.BooleanField(_("Archiviert"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class LocalizedNameMixin(ReferenceData):
    name = models.CharField(_("Name (deutsch)"), max_length=100)
    name_en = models.CharField(_("Name (englisch)"), max_length=100, blank=True)

    class Meta(ReferenceData.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.localized_name

    @property
    def localized_name(self):
        return localized(self.name, self.name_en)


class Topic(LocalizedNameMixin):
    slug = models.SlugField(unique=True)

    class Meta(LocalizedNameMixin.Meta):
        verbose_name = _("Thema")
        verbose_name_plural = _("Themen")


class TargetGroup(LocalizedNameMixin):
    slug = models.SlugField(unique=True)

    class Meta(LocalizedNameMixin.Meta):
        verbose_name = _("Zielgruppe")
        verbose_name_plural = _("Zielgruppen")


class Language(LocalizedNameMixin):
    code = models.CharField(_("Sprachcode (ISO 639-1)"), max_length=8, unique=True)

    class Meta(LocalizedNameMixin.Meta):
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")


class Partner(ReferenceData):
    """A co-hosting organisation (Kooperationspartner_in); never a private person."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    website = models.URLField(_("Website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Kooperationspartner_in")
        verbose_name_plural = _("Kooperationspartner_innen")

    def __str__(self):
        return self.name


class Contact(ReferenceData):
    """A team role with the project's office phone and e-mail, never a private address."""

    role = models.CharField(_("Funktion"), max_length=200)
    email = models.EmailField(_("Büro-E-Mail"))
    phone = models.CharField(_("Büro-Telefon"), max_length=40, blank=True)

    class Meta:
        ordering = ["role"]
        verbose_name = _("Ansprechpartner_in")
        verbose_name_plural = _("Ansprechpartner_innen")

    def __str__(self):
        return self.role


class FundingLine(ReferenceData):
    """The line a funder wants on the Teilnahmeliste and the Teilnahmebescheinigung."""

    name = models.CharField(
        _("Bezeichnung"), max_length=200, help_text=_("Nur für das Team: so heißt die Förderlinie in der Auswahl.")
    )
    text = models.CharField(
        _("Text auf Teilnahmeliste und Bescheinigung"),
        max_length=300,
        help_text=_("Zum Beispiel: Gefördert im Rahmen des Programms … durch …"),
    )
    text_en = models.CharField(
        _("Text auf Englisch"),
        max_length=300,
        blank=True,
        help_text=_("Für englische Bescheinigungen. Leer = der deutsche Text."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("Förderlinie")
        verbose_name_plural = _("Förderlinien")

    def __str__(self):
        return self.name

    @property
    def localized_text(self):
        return localized(self.text, self.text_en)


class Venue(models.Model):
    name = models.CharField(_("Name des Ortes"), max_length=200)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postal_code = models.CharField(_("Postleitzahl"), max_length=5)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="venues", verbose_name=_("Gemeinde")
    )
    accessibility = models.TextField(_("Barrierefreiheit"), blank=True)
    public_transport = models.TextField(_("Anreise mit Bus und Bahn"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("Veranstaltungsort")
        verbose_name_plural = _("Veranstaltungsorte")

    def __str__(self):
        return f"{self.name}, {self.municipality}"


class EventQuerySet(models.QuerySet):
    def public(self):
        return self.exclude(status=Event.Status.DRAFT)

    def listed(self):
        """What the catalogue lists: public offers, course modules appear under their course."""
        return self.public().filter(course__isnull=True)

    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now())

    def for_cards(self):
        return self.select_related("venue__municipality__district").prefetch_related("topics")


class Event(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "schulung", _("Unterstützer_innenschulung")
        COURSE = "fortbildung", _("Multiplikator_innen-Fortbildung")
        CONFERENCE = "fachkonferenz", _("Fachkonferenz/Tagung")
        NETWORK = "vernetzung", _("Vernetzungstreffen")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")
        CANCELLED = "cancelled", _("Abgesagt")
        HELD = "held", _("Durchgeführt")

    class AttendanceMode(models.TextChoices):
        OFFLINE = "offline", _("vor Ort")
        ONLINE = "online", _("online")
        MIXED = "mixed", _("vor Ort und online")

    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(_("Kurzadresse"), max_length=220, unique=True)
    summary = models.CharField(_("Kurzbeschreibung"), max_length=400)
    description = models.TextField(_("Beschreibung (Markdown)"), blank=True)
    # English versions are optional: English pages fall back to the German text, marked lang="de".
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    summary_en = models.CharField(_("Kurzbeschreibung (englisch)"), max_length=400, blank=True)
    description_en = models.TextField(_("Beschreibung (englisch, Markdown)"), blank=True)
    course = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="modules",
        verbose_name=_("Gehört zur Fortbildung"),
        help_text=_("Nur für Module einer Multiplikator_innen-Fortbildung."),
    )
    # Start, end, venue and contact may stay empty while an offer is a draft; the
    # constraint "event_public_complete" guarantees them for everything public.
    start = models.DateTimeField(_("Beginn"), null=True, blank=True)
    end = models.DateTimeField(_("Ende"), null=True, blank=True)
    registration_deadline = models.DateTimeField(_("Anmeldeschluss"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("Plätze"), null=True, blank=True, help_text=_("Leer = unbegrenzt"))
    costs = models.DecimalField(_("Kosten in Euro"), max_digits=7, decimal_places=2, default=0)
    costs_note = models.CharField(_("Hinweis zu Kosten"), max_length=200, blank=True)
    catering = models.CharField(_("Verpflegung"), max_length=300, blank=True)
    attendance_mode = models.CharField(
        _("Format"), max_length=10, choices=AttendanceMode.choices, default=AttendanceMode.OFFLINE
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name=_("Ort")
    )
    contact = models.ForeignKey(
        Contact,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Ansprechpartner_in"),
    )
    funding_line = models.ForeignKey(
        FundingLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("Förderlinie"),
        help_text=_("Steht auf Teilnahmeliste und Teilnahmebescheinigung. Leer = die allgemeine Förderzeile."),
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="events", verbose_name=_("Themen"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="events", verbose_name=_("Zielgruppen")
    )
    languages = models.ManyToManyField(Language, blank=True, related_name="events", verbose_name=_("Sprachen"))
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="events", verbose_name=_("Kooperationspartner_innen")
    )
    # Planning (back office): who gives the event, whether co-hosting partners may
    # see participant names, and a version number for optimistic locking.
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trained_events", verbose_name=_("Referent_innen")
    )
    partners_may_see_names = models.BooleanField(
        _("Partner_innen dürfen Namen der Teilnehmer_innen sehen"),
        default=False,
        help_text=_("Sonst sehen Konten der Kooperationspartner_innen nur Zahlen."),
    )
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies", editable=False
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        # The catalogue filters on "no course and ends after/before now"; this index serves both lists.
        indexes = [
            models.Index(fields=["course", "end"], name="event_listing_idx"),
            # The next moment time alone changes a public page (core.public_cache): MIN(x) > now.
            models.Index(fields=["start"], name="event_start_idx"),
            models.Index(fields=["end"], name="event_end_idx"),
            models.Index(fields=["registration_deadline"], name="event_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="event_end_after_start"),
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(start__isnull=False, end__isnull=False, venue__isnull=False, contact__isnull=False),
                name="event_public_complete",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def description_html(self):
        return render_markdown(self.description)

    @property
    def localized_title(self):
        return localized(self.title, self.title_en)

    @property
    def localized_summary(self):
        return localized(self.summary, self.summary_en)

    @property
    def localized_description_html(self):
        text = localized(self.description, self.description_en)
        return LocalizedText(render_markdown(text), lang=text.lang)

    @property
    def is_free(self):
        return self.costs == 0

    @property
    def is_past(self):
        return self.end is not None and self.end < timezone.now()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def seats_left(self):
        """Free places, where the listing annotated `places_taken` (the hook event_card_annotations)."""
        taken = getattr(self, "places_taken", None)
        if self.capacity is None or taken is None:
            return None
        return max(self.capacity - taken, 0)

    @property
    def has_waiting_list(self):
        return self.seats_left == 0 or bool(getattr(self, "places_waiting", 0))

    @property
    def registration_closed(self):
        return self.registration_deadline is not None and self.registration_deadline < timezone.now()

    def compose_search_text(self, topics):
        parts = [self.title, self.summary, self.description, self.title_en, self.summary_en, self.description_en]
        parts += [name for topic in topics for name in (topic.name, topic.name_en)]
        return fold(" ".join(part for part in parts if part))

    def refresh_search_text(self):
        """Rebuild the folded search column; call after the text or the topics change."""
        self.search_text = self.compose_search_text(self.topics.all())
        Event.objects.filter(pk=self.pk).update(search_text=self.search_text)


class AgendaItem(models.Model):
    """One line of the Ablauf: a time and what happens."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="agenda")
    time = models.TimeField(_("Uhrzeit"))
    title = models.CharField(_("Programmpunkt"), max_length=300)
    title_en = models.CharField(_("Programmpunkt (englisch)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "time"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Ablauf")

    def __str__(self):
        return f"{self.time:%H:%M} {self.title}"

    @property
    def localized_title(self):
        return localized(self.title, self.title_en)


class Material(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="materials/%Y/")
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Material")
        verbose_name_plural = _("Materialien")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:material", kwargs={"slug": self.event.slug, "pk": self.pk})

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]


class Session(models.Model):
    """One part of a multi-day event (a day, a block); check-in and attendance are per session."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(_("Titel"), max_length=200)
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    venue = models.ForeignKey(
        Venue,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("Ort"),
        help_text=_("Leer = Ort der Veranstaltung"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="trained_sessions", verbose_name=_("Referent_innen")
    )

    class Meta:
        ordering = ["start", "id"]
        # "Termin" is also a booked date on the personal page: a session is translated apart.
        verbose_name = pgettext_lazy("session", "Termin")
        verbose_name_plural = pgettext_lazy("session", "Termine")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="session_end_after_start"),
        ]

    def __str__(self):
        return self.title
