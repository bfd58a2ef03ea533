"""The Atom feed of upcoming offers; takes the catalogue's filters."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.dates import format_span
from events.filters import read_filters
from events.models import Event

FEED_LIMIT = 50


class UpcomingOffersFeed(Feed):
    feed_type = Atom1Feed
    title = _("Support für Initiative – kommende Angebote")
    subtitle = _("Schulungen, Fortbildungen, Fachkonferenzen und Vernetzungstreffen in ganz Sachsen")

    def get_object(self, request):
        self.query = read_filters(request.GET)
        return None

    def link(self):
        qs = self.query.querystring()
        return reverse("events:catalogue") + (f"?{qs}" if qs else "")

    def items(self):
        events = self.query.filter(Event.objects.listed().upcoming()).select_related("venue__municipality")
        return events.order_by("start", "id")[:FEED_LIMIT]

    def item_title(self, item):
        return f"{item.title} ({format_span(item.start, item.end)})"

    def item_description(self, item):
        # Atom1Feed marks the summary type="html": escape it, or readers would run markup from it.
        return escape(f"{item.summary} — {item.venue.municipality.name}")

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return settings.ORGANISER_NAME

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"
