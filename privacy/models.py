from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.text import localized, render_markdown


class PrivacyNoticeQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())


class PrivacyNotice(models.Model):
    """One version of the Datenschutzerklärung. Versions are never edited after publication,
    because registrations and subscriptions point at the version their person was shown."""

    version = models.PositiveIntegerField(_("Version"), unique=True)
    text = models.TextField(_("Text (Markdown, deutsch)"))
    text_en = models.TextField(_("Text (Markdown, englisch)"), blank=True)
    changes = models.CharField(_("Was sich geändert hat"), max_length=300, blank=True)
    published_at = models.DateTimeField(_("Gültig ab"))

    objects = PrivacyNoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = _("Datenschutzerklärung")
        verbose_name_plural = _("Datenschutzerklärungen")

    def __str__(self):
        return f"Version {self.version}"

    def localized_html(self):
        return render_markdown(localized(self.text, self.text_en))


class ConsentFields(models.Model):
    """Fields any model that asks for consent can inherit: which notice version was shown, and when
    the person agreed. Fill them with `privacy.consent.Consent.as_fields()`."""

    privacy_notice_version = models.PositiveIntegerField(_("Version der Datenschutzerklärung"), null=True, blank=True)
    privacy_consented_at = models.DateTimeField(_("Einwilligung am"), null=True, blank=True)

    class Meta:
        abstract = True
