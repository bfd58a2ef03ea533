"""The Atom feed of public posts; takes the list's filters. Expired posts are not in it."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from board.filters import read_filters
from board.queries import public_posts
from regions.queries import districts

FEED_LIMIT = 50


class PostsFeed(Feed):
    """One instance serves every request: the filter travels as the feed's `obj`."""

    feed_type = Atom1Feed
    title = _("Support für Initiative – Suche/Biete")
    subtitle = _("Was Initiativen, Fachstellen, Verwaltungen und Ehrenamtliche in Sachsen suchen und anbieten")

    def get_object(self, request):
        return read_filters(request.GET, districts=districts())

    def _with_query(self, path, query):
        qs = query.querystring()
        return path + (f"?{qs}" if qs else "")

    def link(self, query):
        return self._with_query(reverse("board:list"), query)

    def feed_url(self, query):
        return self._with_query(reverse("board:atom"), query)

    def items(self, query):
        return query.filter(public_posts())[:FEED_LIMIT]

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        # Atom1Feed marks the summary type="html": escape it, or readers would run markup from it.
        return escape(f"{item.get_category_display()} — {item.municipality.name}: {item.text}")

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_label or settings.ORGANISER_NAME

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"
