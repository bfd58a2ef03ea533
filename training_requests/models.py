"""Training requests from local partners: the request, its states, the messages exchanged with the
requester and the team's internal notes.

Personal fields (contact name, e-mail, phone, the requester's free texts) are kept apart from the
facts the reports count (state, kind, municipality, dates); retention blanks the former and keeps
the latter (`training_requests.retention`).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.models import Event, Partner, TargetGroup, Topic
from privacy.models import ConsentFields
from regions.models import Municipality


class TrainingRequestQuerySet(models.QuerySet):
    def confirmed(self):
        """Requests the team sees: the address is confirmed (or a partner account sent it)."""
        return self.filter(email_confirmed_at__isnull=False)

    def for_queue(self):
        return self.select_related("municipality__district", "assignee")

    def with_reply_state(self):
        """Annotate `last_unread_id` (the newest requester message no team member has read yet,
        None when all are read) and `last_from_team` (who wrote the thread's last message; None
        without messages), one subquery each, so a list of any length needs the same queries."""
        thread = Message.objects.filter(request=models.OuterRef("pk"))
        unread = thread.filter(from_team=False, read_at__isnull=True).order_by("-id")
        return self.annotate(
            last_unread_id=models.Subquery(unread.values("pk")[:1]),
            last_from_team=models.Subquery(thread.order_by("-created_at", "-id").values("from_team")[:1]),
        )


class TrainingRequest(ConsentFields):
    class Kind(models.TextChoices):
        INITIATIVE = "initiative", _("Initiative")
        PARISH = "parish", _("Kirchgemeinde")
        ASSOCIATION = "association", _("Verein")
        MUNICIPALITY = "municipality", _("Kommune")
        DISTRICT_OFFICE = "district_office", _("Landratsamt")
        OTHER = "other", _("Andere")

    class State(models.TextChoices):
        NEW = "new", pgettext_lazy("request state", "neu")
        DISCUSSION = "discussion", pgettext_lazy("request state", "in Klärung")
        PLANNED = "planned", pgettext_lazy("request state", "geplant")
        HELD = "held", pgettext_lazy("request state", "durchgeführt")
        DECLINED = "declined", pgettext_lazy("request state", "abgelehnt")
        WITHDRAWN = "withdrawn", pgettext_lazy("request state", "zurückgezogen")

    class Room(models.TextChoices):
        YES = "yes", _("Ja, ein Raum ist vorhanden")
        NO = "no", _("Nein, wir brauchen Hilfe bei der Raumsuche")
        UNSURE = "unsure", _("Noch unklar")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Facts that survive anonymisation (the reports count them).
    kind = models.CharField(_("Art der Organisation"), max_length=20, choices=Kind.choices)
    organisation = models.CharField(_("Organisation"), max_length=200)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="training_requests", verbose_name=_("Gemeinde")
    )
    wished_period = models.CharField(_("Gewünschter Zeitraum"), max_length=200, blank=True)
    window1_start = models.DateField(_("Zeitfenster 1 von"), null=True, blank=True)
    window1_end = models.DateField(_("Zeitfenster 1 bis"), null=True, blank=True)
    window2_start = models.DateField(_("Zeitfenster 2 von"), null=True, blank=True)
    window2_end = models.DateField(_("Zeitfenster 2 bis"), null=True, blank=True)
    window3_start = models.DateField(_("Zeitfenster 3 von"), null=True, blank=True)
    window3_end = models.DateField(_("Zeitfenster 3 bis"), null=True, blank=True)
    expected_participants = models.PositiveIntegerField(_("Erwartete Zahl der Teilnehmer_innen"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="training_requests", verbose_name=_("Themen"))
    topics_other = models.CharField(_("Weitere Themen"), max_length=300, blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="training_requests", verbose_name=_("Zielgruppe")
    )
    languages_needed = models.CharField(_("Sprachen oder Dolmetschen"), max_length=200, blank=True)
    room = models.CharField(_("Raum vorhanden?"), max_length=10, choices=Room.choices, default=Room.UNSURE)
    room_accessibility = models.CharField(_("Barrierefreiheit des Raums"), max_length=300, blank=True)
    partner_organisation = models.ForeignKey(
        Partner,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_requests",
        verbose_name=_("Partnerorganisation (Konto)"),
    )
    language = models.CharField(_("Sprache der Mails"), max_length=5, default="de")
    # The requester (personal data; blanked by retention).
    contact_name = models.CharField(_("Ansprechperson"), max_length=200)
    contact_email = models.EmailField(_("E-Mail-Adresse"), blank=True)
    contact_phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    local_partners = models.TextField(_("Beteiligte Partner_innen vor Ort"), blank=True)
    message = models.TextField(_("Nachricht"), blank=True)
    # Work on the request.
    state = models.CharField(_("Stand"), max_length=12, choices=State.choices, default=State.NEW)
    decline_reason = models.TextField(_("Begründung der Absage"), blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_training_requests",
        verbose_name=_("Zuständig"),
    )
    event = models.ForeignKey(Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_requests")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrainingRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Schulungsanfrage")
        verbose_name_plural = _("Schulungsanfragen")
        indexes = [
            models.Index(fields=["state", "created_at"], name="trainingrequest_queue_idx"),
            # The queue's order (newest first): its first page is read from the index, not sorted.
            models.Index(fields=["created_at", "id"], name="trainingrequest_created_idx"),
        ]

    def __str__(self):
        return f"{_('Anfrage')} {self.pk}"

    CLOSED = (State.HELD, State.DECLINED, State.WITHDRAWN)

    @property
    def is_closed(self):
        return self.state in self.CLOSED

    @property
    def windows(self):
        pairs = [
            (self.window1_start, self.window1_end),
            (self.window2_start, self.window2_end),
            (self.window3_start, self.window3_end),
        ]
        return [(start, end) for start, end in pairs if start]


class StateChange(models.Model):
    """One change of a request's state: who, when, from → to (and the reason of a refusal)."""

    request = models.ForeignKey(TrainingRequest, on_delete=models.CASCADE, related_name="state_changes")
    from_state = models.CharField(max_length=12, choices=TrainingRequest.State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=TrainingRequest.State.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    by_requester = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_state or '-'} -> {self.to_state}"


class Message(models.Model):
    """A message in the thread between the team and the requester (both see all of them)."""

    request = models.ForeignKey(TrainingRequest, on_delete=models.CASCADE, related_name="messages")
    from_team = models.BooleanField(default=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    body = models.TextField(_("Nachricht"))
    created_at = models.DateTimeField()
    # A requester's reply stays unread until a team member opens the request or marks it read.
    read_at = models.DateTimeField(null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The queue's marker and filter look for unread replies of each request.
            models.Index(
                fields=["request"],
                name="trainingrequest_unread_idx",
                condition=models.Q(from_team=False, read_at__isnull=True),
            ),
        ]

    @property
    def is_unread(self):
        return not self.from_team and self.read_at is None

    def __str__(self):
        return f"message {self.pk}"


class Note(models.Model):
    """An internal note of the team (never shown to the requester)."""

    request = models.ForeignKey(TrainingRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    body = models.TextField(_("Notiz"))
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"note {self.pk}"
