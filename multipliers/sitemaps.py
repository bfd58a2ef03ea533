from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from multipliers.models import Multiplier


class MultiplierSitemap(Sitemap):
    """The search page and every listed profile, read live: a withdrawn profile is gone at once."""

    changefreq = "weekly"

    def items(self):
        return ["search", *Multiplier.objects.listed().order_by("id")]

    def location(self, item):
        return reverse("multipliers:search") if item == "search" else item.get_absolute_url()
