from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.actions import label_for


class EntryQuerySet(models.QuerySet):
    def for_list(self):
        return self.select_related("actor").order_by("-created_at", "-id")


class Entry(models.Model):
    """Who did what to which record, when, in which role. Ids only, never copied personal data."""

    created_at = models.DateTimeField(_("Zeitpunkt"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Konto"),
    )
    # The role at the time: an account's role may change later, the entry must not.
    actor_role = models.CharField(_("Rolle"), max_length=20, blank=True)
    action = models.CharField(_("Aktion"), max_length=60)
    target_type = models.CharField(_("Art des Datensatzes"), max_length=100, blank=True)
    target_id = models.CharField(_("Nummer des Datensatzes"), max_length=64, blank=True)
    details = models.JSONField(_("Einzelheiten"), default=dict, blank=True)
    view_name = models.CharField(_("Seite"), max_length=120, blank=True)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokoll")
        indexes = [
            models.Index(fields=["action", "created_at"], name="audit_action_idx"),
            models.Index(fields=["actor", "created_at"], name="audit_actor_idx"),
            models.Index(fields=["target_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_type}#{self.target_id}"

    @property
    def action_label(self):
        return label_for(self.action)
