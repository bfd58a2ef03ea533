"""The public event pages in /sitemap.xml (declared as SITEMAPS in events/contributions.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event


class StaticPagesSitemap(Sitemap):
    """The start page, the catalogue, the archive, the map, and core's sources page."""

    i18n = True
    changefreq = "daily"

    def items(self):
        return ["events:home", "events:catalogue", "events:archive", "events:map", "core:sources"]

    def location(self, item):
        return reverse(item)


class EventSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Event.objects.public().only("slug", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at
