from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """One of Saxony's 13 districts (Landkreis or kreisfreie Stadt)."""

    class Kind(models.TextChoices):
        RURAL = "Landkreis", _("Landkreis")
        CITY = "Kreisfreie Stadt", _("Kreisfreie Stadt")

    ars = models.CharField(_("Regionalschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    short_name = models.CharField(_("Kurzname"), max_length=100)
    slug = models.SlugField(unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["short_name"]
        verbose_name = _("Landkreis / Kreisfreie Stadt")
        verbose_name_plural = _("Landkreise und Kreisfreie Städte")

    def __str__(self):
        return self.short_name


class Municipality(models.Model):
    """A municipality (Gemeinde or Stadt) with a point inside it."""

    ars = models.CharField(_("Regionalschlüssel"), max_length=12, unique=True)
    ags = models.CharField(_("Gemeindeschlüssel"), max_length=8, unique=True)
    name = models.CharField(_("Name"), max_length=100, db_index=True)
    kind = models.CharField(_("Art"), max_length=20)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="municipalities")
    lat = models.FloatField(_("Breitengrad"))
    lon = models.FloatField(_("Längengrad"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("Gemeinde")
        verbose_name_plural = _("Gemeinden")

    def __str__(self):
        return self.name
