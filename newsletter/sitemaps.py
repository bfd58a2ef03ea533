"""The newsletter archive and its issues in /sitemap.xml."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from newsletter.models import Issue


class IssueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["archive", *Issue.objects.published().order_by("-year", "-number")]

    def location(self, item):
        return reverse("newsletter:archive") if item == "archive" else item.get_absolute_url()
