"""A conference's programme (rooms, slots, sessions, speakers) and each person's workshop choices.

A `Conference` belongs to one event (of any kind, usually a Fachkonferenz). Its days are the days
of its slots. A `Session` sits in one slot and (usually) one room; sessions in the same slot run
in parallel. Workshops have their own capacity; a `Choice` is a registration's claim on one
workshop: a place or a spot on that workshop's waiting list. Arrival order is the choice id:
choices for a conference are only written while its sessions' rows are locked
(`conferences.services.places`), so ids grow in the order the locks were granted.
"""

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import localized
from events.models import Event
from registrations.models import Registration


class Conference(models.Model):
    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="conference")
    published = models.BooleanField(_("Programm veröffentlicht"), default=False)
    acronym = models.SlugField(_("Kürzel"), max_length=40, help_text=_("Für Konferenz-Apps, z. B. fachtag-2027."))
    offers_reimbursement = models.BooleanField(_("Fahrtkostenerstattung angeboten"), default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("Fachkonferenz")
        verbose_name_plural = _("Fachkonferenzen")

    def __str__(self):
        return str(self.event)


class Room(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("Name"), max_length=100)
    capacity = models.PositiveIntegerField(_("Plätze im Raum"), null=True, blank=True)
    step_free = models.BooleanField(_("stufenlos erreichbar"), default=True)
    accessibility = models.CharField(_("Hinweise zur Barrierefreiheit"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Raum")
        verbose_name_plural = _("Räume")
        constraints = [models.UniqueConstraint(fields=["conference", "name"], name="room_name_unique")]

    def __str__(self):
        return self.name


class Slot(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="slots")
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["start", "id"]
        verbose_name = _("Zeitfenster")
        verbose_name_plural = _("Zeitfenster")
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="slot_ends_after_start")
        ]

    def __str__(self):
        local = timezone.localtime
        return f"{local(self.start):%d.%m.%Y %H:%M}–{local(self.end):%H:%M}"

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


class Speaker(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("Name"), max_length=200)
    organisation = models.CharField(_("Organisation"), max_length=200, blank=True)
    bio = models.TextField(_("Kurzbiografie"), blank=True, max_length=1000)
    bio_en = models.TextField(_("Kurzbiografie (englisch)"), blank=True, max_length=1000)
    bio_public = models.BooleanField(
        _("Kurzbiografie darf veröffentlicht werden"),
        default=False,
        help_text=_("Nur ankreuzen, wenn die Person zugestimmt hat."),
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("Referent_in")
        verbose_name_plural = _("Referent_innen")

    def __str__(self):
        return self.name

    @property
    def public_bio(self):
        return localized(self.bio, self.bio_en) if self.bio_public and self.bio else None


class Session(models.Model):
    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenum")
        WORKSHOP = "workshop", _("Workshop")
        PANEL = "panel", _("Podium")
        BREAK = "break", _("Pause")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="sessions")
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("Zeitfenster"))
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions", verbose_name=_("Raum")
    )
    kind = models.CharField(_("Art"), max_length=10, choices=Kind.choices, default=Kind.WORKSHOP)
    title = models.CharField(_("Titel"), max_length=200)
    title_en = models.CharField(_("Titel (englisch)"), max_length=200, blank=True)
    abstract = models.TextField(_("Beschreibung"), blank=True, max_length=2000)
    abstract_en = models.TextField(_("Beschreibung (englisch)"), blank=True, max_length=2000)
    capacity = models.PositiveIntegerField(
        _("Plätze im Workshop"), null=True, blank=True, help_text=_("Leer = so viele, wie der Raum fasst.")
    )
    speakers = models.ManyToManyField(Speaker, blank=True, related_name="sessions", verbose_name=_("Referent_innen"))
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["slot__start", "room__position", "room_id", "id"]
        verbose_name = _("Programmpunkt")
        verbose_name_plural = _("Programmpunkte")

    def __str__(self):
        return self.title

    @property
    def localized_title(self):
        return localized(self.title, self.title_en)

    @property
    def localized_abstract(self):
        return localized(self.abstract, self.abstract_en)

    @property
    def is_workshop(self):
        return self.kind == self.Kind.WORKSHOP

    @property
    def places(self):
        """The workshop's limit: its own capacity, else its room's; None = no limit."""
        if self.capacity is not None:
            return self.capacity
        return self.room.capacity if self.room_id else None


class ChoiceQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=Choice.ACTIVE)

    def placed(self):
        return self.filter(status=Choice.Status.PLACE)

    def waiting(self):
        return self.filter(status=Choice.Status.WAITING)

    def pending(self):
        return self.filter(status=Choice.Status.PENDING)


class Choice(models.Model):
    """One registration's choice for one slot: a place in a workshop or a spot on its waiting list."""

    class Status(models.TextChoices):
        PLACE = "place", _("Platz im Workshop")
        WAITING = "waiting", _("Warteliste")
        CHANGED = "changed", _("geändert")
        ENDED = "ended", _("beendet")
        REMOVED = "removed", _("Workshop entfallen")
        PENDING = "pending", _("wartet auf einen Platz in der Veranstaltung")

    # PENDING: the person is on the event's waiting list; the wish holds no workshop place and stands
    # in no workshop waiting list until the person gets an event seat (`conferences.services.places.seat_given`).
    ACTIVE = (Status.PLACE, Status.WAITING, Status.PENDING)

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="workshop_choices")
    slot = models.ForeignKey(Slot, on_delete=models.CASCADE, related_name="choices")
    # SET_NULL: a deleted workshop leaves the choice (status removed) so the person can be asked again.
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, related_name="choices")
    # Only for a pending wish: the second choice, tried when the person gets their event seat.
    second_session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices)
    got_second_choice = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("anwesend seit"), null=True, blank=True)

    objects = ChoiceQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("Workshop-Wahl")
        verbose_name_plural = _("Workshop-Wahlen")
        constraints = [
            # One place (or pending wish) per slot, and one waiting spot: someone with a place may wait
            # for another workshop of the same slot (a swap through the personal link).
            models.UniqueConstraint(
                fields=["registration", "slot"],
                condition=models.Q(status__in=["place", "pending"]),
                name="one_place_per_slot",
            ),
            models.UniqueConstraint(
                fields=["registration", "slot"],
                condition=models.Q(status="waiting"),
                name="one_waiting_spot_per_slot",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "id"], name="choice_session_status_idx")]

    def __str__(self):
        return f"{self.registration_id}: {self.session_id} ({self.status})"


class Badge(models.Model):
    """How a person wants their name badge printed (asked at registration), and when it was printed."""

    class NameStyle(models.TextChoices):
        FULL = "full", _("voller Name")
        FIRST = "first", _("nur Vorname")

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="badge")
    name_style = models.CharField(
        _("Name auf dem Namensschild"), max_length=8, choices=NameStyle.choices, default=NameStyle.FULL
    )
    pronouns = models.CharField(_("Pronomen"), max_length=40, blank=True)
    printed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Namensschild")
        verbose_name_plural = _("Namensschilder")

    def __str__(self):
        return f"badge {self.registration_id}"


def receipts_storage():
    """Receipts live outside MEDIA_ROOT: no URL reaches them, only the team's download view."""
    return FileSystemStorage(location=settings.REIMBURSEMENT_RECEIPTS_ROOT, base_url=None)


class Reimbursement(models.Model):
    """A request to reimburse travel costs (Fahrtkostenerstattung), one per registration.

    Bank details and receipts are personal data of the highest sensitivity: only admin and team
    with the second factor see them, every view is audited, and `conferences.retention` erases
    them a configurable time after the accounting deadline; amounts and states stay for reports."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("eingereicht")
        APPROVED = "approved", _("bewilligt")
        PARTLY = "partly", _("teilweise bewilligt")
        REJECTED = "rejected", _("abgelehnt")
        EXPORTED = "exported", _("in SEPA-Datei, Überweisung ausstehend")
        PAID = "paid", _("ausgezahlt")

    # Approved and not yet in a SEPA file: what the next export takes.
    DUE = (Status.APPROVED, Status.PARTLY)

    class Transport(models.TextChoices):
        TRAIN = "train", _("Bahn, Bus, Straßenbahn")
        CAR = "car", _("Auto (Kilometerpauschale)")
        BIKE = "bike", _("Fahrrad")
        OTHER = "other", _("anderes")

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="reimbursements")
    registration = models.OneToOneField(Registration, on_delete=models.PROTECT, related_name="reimbursement")
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    route = models.CharField(_("Strecke"), max_length=300)
    transport = models.CharField(_("Verkehrsmittel"), max_length=10, choices=Transport.choices)
    amount = models.DecimalField(_("Betrag in Euro"), max_digits=8, decimal_places=2)
    approved_amount = models.DecimalField(
        _("bewilligter Betrag"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField(_("Begründung"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=34)
    account_holder = models.CharField(_("Kontoinhaber_in"), max_length=140)
    submitted_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Set by the export; the payment is paid once the team confirms the batch was executed by the bank.
    batch = models.ForeignKey("PaymentBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="payments")
    paid_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["submitted_at", "id"]
        verbose_name = _("Fahrtkostenerstattung")
        verbose_name_plural = _("Fahrtkostenerstattungen")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="reimbursement_amount_not_negative")
        ]

    def __str__(self):
        return f"reimbursement {self.pk}"

    @property
    def masked_iban(self):
        return f"{self.iban[:4]} **** {self.iban[-4:]}" if self.iban else ""

    @property
    def payable(self):
        return (
            self.approved_amount
            if self.status in (self.Status.APPROVED, self.Status.PARTLY, self.Status.EXPORTED, self.Status.PAID)
            else None
        )

    @property
    def decidable(self):
        """The team may still decide (or change its decision) until the payment is in a SEPA file."""
        return self.batch_id is None and self.erased_at is None and self.status != self.Status.PAID


class PaymentBatch(models.Model):
    """One SEPA credit-transfer file (pain.001) as it was exported: re-downloadable byte for byte until
    the bank details of all its payments are erased. Its payments count as paid only when the team
    confirms the bank executed it (`paid_on`)."""

    conference = models.ForeignKey(Conference, on_delete=models.PROTECT, related_name="payment_batches")
    number = models.PositiveIntegerField(_("Nummer"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    count = models.PositiveIntegerField(_("Überweisungen"))
    total = models.DecimalField(_("Summe"), max_digits=10, decimal_places=2)
    xml = models.TextField(blank=True, help_text="The pain.001 file; emptied with the bank details it holds.")
    paid_on = models.DateField(_("ausgeführt am"), null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("SEPA-Datei")
        verbose_name_plural = _("SEPA-Dateien")
        constraints = [models.UniqueConstraint(fields=["conference", "number"], name="payment_batch_number_unique")]

    def __str__(self):
        return f"batch {self.conference_id}/{self.number}"


class Receipt(models.Model):
    reimbursement = models.ForeignKey(Reimbursement, on_delete=models.CASCADE, related_name="receipts")
    file = models.FileField(storage=receipts_storage, upload_to="%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return f"receipt {self.pk}"
