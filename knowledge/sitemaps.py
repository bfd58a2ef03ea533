"""The knowledge base in /sitemap.xml (declared as SITEMAPS in knowledge/contributions.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from knowledge.queries import published_for_sitemap


class KnowledgeListSitemap(Sitemap):
    i18n = True
    changefreq = "weekly"

    def items(self):
        return ["knowledge:list"]

    def location(self, item):
        return reverse(item)


class ArticleSitemap(Sitemap):
    changefreq = "monthly"
    limit = 5000

    def items(self):
        return published_for_sitemap()

    def lastmod(self, item):
        return item.updated_at
