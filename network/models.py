from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import fold
from privacy.models import ConsentFields
from regions.models import Municipality


class InitiativeQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Initiative.Status.APPROVED)

    def for_cards(self):
        return self.select_related("municipality__district")


class Initiative(ConsentFields):
    """A welcome initiative, parish or association presenting itself to the network.

    Proposals record which privacy notice the proposer agreed to (ConsentFields).

    `contact_email` is private: it is never rendered on a public page and is used only by
    the relay to deliver messages.
    """

    class Kind(models.TextChoices):
        WELCOME = "welcome", _("Willkommensinitiative")
        PARISH = "parish", _("Kirchgemeinde")
        ASSOCIATION = "association", _("Verein")
        NETWORK = "network", _("Netzwerk oder Bündnis")
        OTHER = "other", _("Andere Gruppe")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Vorgeschlagen")
        APPROVED = "approved", _("Freigegeben")
        REJECTED = "rejected", _("Abgelehnt")

    name = models.CharField(_("Name der Initiative"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices, default=Kind.WELCOME)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("Gemeinde")
    )
    focus = models.CharField(_("Schwerpunkte"), max_length=300)
    description = models.TextField(_("Beschreibung"), blank=True)
    how_to_join = models.TextField(_("So können Sie mitmachen"), blank=True)
    meeting_times = models.CharField(_("Regelmäßige Treffen"), max_length=300, blank=True)
    website = models.URLField(_("Website"), blank=True)
    contact_email = models.EmailField(_("Kontakt-E-Mail (wird nicht veröffentlicht)"))
    status = models.CharField(_("Status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta(ConsentFields.Meta):
        ordering = ["name", "id"]
        verbose_name = _("Initiative")
        verbose_name_plural = _("Initiativen")
        indexes = [models.Index(fields=["status", "name"])]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:detail", args=[self.slug])

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    def build_search_text(self) -> str:
        return fold(" ".join([self.name, self.focus, self.description, self.how_to_join]))

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
