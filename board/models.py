"""The board of needs and offers (Suche/Biete): posts, their abuse reports, trusted initiatives,
and e-mail alerts for new posts.

A post's `email` is private: it is never rendered on a public page; replies reach it only through
the relay. A post is public while it is `published` and `valid_until` lies in the future.
"""

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.text import fold
from network.models import Initiative
from privacy.models import ConsentFields
from regions.models import District, Municipality

# Something that looks like an e-mail address or a phone number (at least 6 digits, with the
# usual separators) in the public text: such a post waits for the team, whoever wrote it.
EMAIL_PATTERN = re.compile(r"[\w.+-]+\s*(@|\(at\)|\[at\])\s*[\w-]+(\.[\w-]+)+", re.IGNORECASE)
PHONE_PATTERN = re.compile(r"(\+|\b0)[\d\s/().-]{5,}\d")


def has_contact_data(text: str) -> bool:
    return bool(EMAIL_PATTERN.search(text) or PHONE_PATTERN.search(text))


class Kind(models.TextChoices):
    NEED = "need", pgettext_lazy("board", "Suche")
    OFFER = "offer", pgettext_lazy("board", "Biete")


class Category(models.TextChoices):
    INTERPRETING = "interpreting", _("Dolmetschen und Sprachmittlung")
    ROOMS = "rooms", _("Räume")
    TRANSPORT = "transport", _("Fahrten und Transport")
    DONATIONS = "donations", _("Sachspenden")
    MENTORING = "mentoring", _("Patenschaften und Begleitung")
    TRAINING = "training", _("Schulung und Fortbildung")
    VOLUNTEERS = "volunteers", _("Ehrenamtliche gesucht")
    OTHER = "other", _("Sonstiges")


class PostQuerySet(models.QuerySet):
    def public(self, now=None):
        return self.filter(status=Post.Status.PUBLISHED, valid_until__gt=now or timezone.now())

    def for_cards(self):
        return self.select_related("municipality__district", "initiative")

    def closed(self):
        return self.filter(status__in=Post.CLOSED)


class Post(ConsentFields):
    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("E-Mail nicht bestätigt")
        PENDING = "pending", _("Wartet auf Prüfung")
        PUBLISHED = "published", _("Veröffentlicht")
        REJECTED = "rejected", _("Abgelehnt")
        DONE = "done", _("Erledigt")
        WITHDRAWN = "withdrawn", _("Gelöscht")

    class Poster(models.TextChoices):
        INITIATIVE = "initiative", _("Eine Initiative auf dieser Plattform")
        SERVICE = "service", _("Eine Fachstelle oder Beratungsstelle")
        ADMINISTRATION = "administration", _("Eine Verwaltung oder Behörde")
        PRIVATE = "private", _("Ich als Privatperson")

    CLOSED = (Status.REJECTED, Status.DONE, Status.WITHDRAWN)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("Suche oder Biete"), max_length=10, choices=Kind.choices)
    category = models.CharField(_("Bereich"), max_length=20, choices=Category.choices)
    title = models.CharField(_("Überschrift"), max_length=120)
    text = models.TextField(_("Beschreibung"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="board_posts", verbose_name=_("Gemeinde")
    )
    poster = models.CharField(_("Wer schreibt"), max_length=20, choices=Poster.choices)
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="board_posts"
    )
    organisation = models.CharField(_("Name der Stelle oder Verwaltung"), max_length=200, blank=True)
    first_name = models.CharField(_("Vorname"), max_length=60, blank=True)
    email = models.EmailField(_("E-Mail-Adresse (wird nicht veröffentlicht)"))
    language = models.CharField(max_length=10, default="de")
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.UNCONFIRMED)
    needs_review_for_contact_data = models.BooleanField(default=False)
    rejection_reason = models.TextField(_("Begründung"), blank=True)
    valid_until = models.DateTimeField(_("Gültig bis"))
    renewal_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1)

    objects = PostQuerySet.as_manager()

    class Meta(ConsentFields.Meta):
        ordering = ["-published_at", "-id"]
        verbose_name = _("Beitrag (Suche/Biete)")
        verbose_name_plural = _("Beiträge (Suche/Biete)")
        indexes = [models.Index(fields=["status", "valid_until"]), models.Index(fields=["email"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("board:detail", args=[self.pk])

    @property
    def outbox_key(self):
        return f"board-post:{self.pk}"

    def is_public(self, now=None):
        return self.status == self.Status.PUBLISHED and self.valid_until > (now or timezone.now())

    def is_expired(self, now=None):
        return self.valid_until <= (now or timezone.now())

    @property
    def is_open(self):
        """Still in the poster's hands (not closed and not anonymised)."""
        return self.status not in self.CLOSED and self.anonymised_at is None

    @property
    def author_label(self):
        """Who the public page names: never more than a first name for a private person."""
        if self.poster == self.Poster.INITIATIVE and self.initiative_id:
            return self.initiative.name
        if self.poster in (self.Poster.SERVICE, self.Poster.ADMINISTRATION):
            return self.organisation
        return self.first_name

    def build_search_text(self) -> str:
        return fold(" ".join([self.title, self.text, self.get_category_display()]))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class Report(models.Model):
    """ "Beitrag melden": a visitor's note that a post is abusive; no personal data of the reporter."""

    class Reason(models.TextChoices):
        ABUSE = "abuse", _("Beleidigend, diskriminierend oder hetzerisch")
        SPAM = "spam", _("Werbung oder Spam")
        PERSONAL = "personal", _("Enthält persönliche Daten anderer")
        WRONG = "wrong", _("Falsch oder irreführend")
        OTHER = "other", _("Etwas anderes")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("Grund"), max_length=20, choices=Reason.choices)
    note = models.TextField(_("Was ist das Problem?"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.post_id})"


class TrustedInitiative(models.Model):
    """An initiative whose posts go public without review, when sent from its known contact address."""

    initiative = models.OneToOneField(Initiative, on_delete=models.CASCADE, related_name="board_trust")
    trusted_at = models.DateTimeField(default=timezone.now)
    trusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return str(self.initiative)


class Alert(models.Model):
    """ "Send me new offers in Landkreis Bautzen": confirmed by e-mail; deleted on unsubscribe."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("E-Mail-Adresse"))
    kind = models.CharField(_("Suche oder Biete"), max_length=10, choices=Kind.choices, blank=True)
    category = models.CharField(_("Bereich"), max_length=20, choices=Category.choices, blank=True)
    district = models.ForeignKey(
        District, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("Landkreis")
    )
    language = models.CharField(max_length=10, default="de")
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["email"])]

    def __str__(self):
        return str(self.describe())

    @property
    def outbox_key(self):
        return f"board-alert:{self.pk}"

    def matches(self, posts):
        if self.kind:
            posts = posts.filter(kind=self.kind)
        if self.category:
            posts = posts.filter(category=self.category)
        if self.district_id:
            posts = posts.filter(municipality__district_id=self.district_id)
        return posts

    def describe(self):
        parts = [self.get_kind_display() if self.kind else _("Suche und Biete")]
        if self.category:
            parts.append(self.get_category_display())
        if self.district_id:
            parts.append(self.district.name)
        return " · ".join(str(p) for p in parts)
