"""The Atom feed of upcoming offers; takes the catalogue's filters."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import format_span
from events.filters import read_filters
from events.models import Event

FEED_LIMIT = 50


class OffersAtomFeed(Atom1Feed):
    """Atom with xml:lang on entries whose texts fall back to German on an English feed."""

    def item_attributes(self, item):
        attrs = super().item_attributes(item)
        if item.get("lang"):
            attrs["xml:lang"] = item["lang"]
        return attrs


class UpcomingOffersFeed(Feed):
    """One instance serves every request (it is the URL pattern's view), so nothing about a request
    may be stored on it: the filter travels as the feed's `obj` from `get_object` to every method."""

    feed_type = OffersAtomFeed
    title = _("Support für Initiative – kommende Angebote")

    def get_object(self, request):
        return read_filters(request.GET)

    def _with_query(self, path, query):
        qs = query.querystring()
        return path + (f"?{qs}" if qs else "")

    def link(self, query):
        return self._with_query(reverse("events:catalogue"), query)

    def feed_url(self, query):
        # rel="self" must name this very feed, filters included (RFC 4287 §4.2.7.2).
        return self._with_query(reverse("events:atom"), query)

    def _upcoming(self, query):
        return query.filter(Event.objects.listed().upcoming())

    def subtitle(self, query):
        text = gettext("Schulungen, Fortbildungen, Fachkonferenzen und Vernetzungstreffen in ganz Sachsen")
        total = self._upcoming(query).count()
        if total <= FEED_LIMIT:
            return text
        # Feed readers show the subtitle but rarely follow paged feeds (RFC 5005): say what is left out.
        return gettext(
            "%(text)s. Dieser Feed zeigt die nächsten %(shown)s von %(total)s Angeboten; alle finden Sie unter %(url)s"
        ) % {
            "text": text,
            "shown": FEED_LIMIT,
            "total": total,
            "url": f"{settings.SITE_URL}{self.link(query)}",
        }

    def items(self, query):
        events = self._upcoming(query).select_related("venue__municipality")
        return events.order_by("start", "id")[:FEED_LIMIT]

    def item_title(self, item):
        return f"{item.localized_title} ({format_span(item.start, item.end)})"

    def item_description(self, item):
        # Atom1Feed marks the summary type="html": escape it, or readers would run markup from it.
        return escape(f"{item.localized_summary} — {item.venue.municipality.name}")

    def item_extra_kwargs(self, item):
        return {"lang": item.localized_title.lang}

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return settings.ORGANISER_NAME

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"
