"""The board's public pages in /sitemap.xml: the list and every post that is public right now."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from board.models import Post


class BoardListSitemap(Sitemap):
    i18n = True
    changefreq = "daily"

    def items(self):
        return ["board:list", "board:create", "board:alert"]

    def location(self, item):
        return reverse(item)


class PostSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Post.objects.public().only("pk", "updated_at").order_by("id")

    def lastmod(self, item):
        return item.updated_at
