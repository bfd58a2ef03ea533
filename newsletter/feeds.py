"""The Atom feed of published newsletter issues."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from newsletter.models import Issue

FEED_LIMIT = 50


class IssuesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Support für Initiative – Newsletter")
    subtitle = _("Alle Ausgaben des Newsletters")

    def link(self):
        return reverse("newsletter:archive")

    def feed_url(self):
        return reverse("newsletter:atom")

    def items(self):
        return Issue.objects.published().order_by("-published_at", "-id")[:FEED_LIMIT]

    def item_title(self, item):
        return f"{item.label}: {item.title}"

    def item_description(self, item):
        return escape(item.summary)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return settings.ORGANISER_NAME

    def item_guid(self, item):
        return f"{settings.SITE_URL}{item.get_absolute_url()}"
