"""Reads for the knowledge base, each in a fixed number of queries however many rows there are."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from events.models import Event, Topic
from knowledge.models import Article, Download

RELATED_OFFERS = 5
RELATED_ARTICLES = 5


def filter_topics():
    """The topics offered as a filter: not archived, and at least one published article has them."""
    published = Article.topics.through.objects.filter(article__status=Article.Status.PUBLISHED)
    return Topic.objects.filter(archived=False, id__in=published.values("topic"))


def public_articles():
    return Article.objects.published().for_cards().order_by("title", "id")


def public_article(slug):
    """A published article with its topics and downloads, or 404."""
    downloads = Prefetch("downloads", queryset=Download.objects.select_related("article"))
    queryset = Article.objects.published().prefetch_related("topics", downloads)
    return get_object_or_404(queryset, slug=slug)


def public_download(slug, pk):
    return get_object_or_404(
        Download.objects.select_related("article"), pk=pk, article__slug=slug, article__status=Article.Status.PUBLISHED
    )


def upcoming_offers_for(article, *, limit=RELATED_OFFERS):
    """Upcoming public offers (not cancelled) that share a topic with the article, soonest first."""
    topic_ids = [topic.id for topic in article.topics.all()]
    if not topic_ids:
        return []
    tagged = Event.topics.through.objects.filter(topic_id__in=topic_ids)
    offers = (
        Event.objects.listed()
        .upcoming()
        .exclude(status=Event.Status.CANCELLED)
        .filter(id__in=tagged.values("event"))
        .select_related("venue__municipality")
        .order_by("start", "id")
    )
    return list(offers[:limit])


def articles_for_event(event, *, limit=RELATED_ARTICLES):
    """Published articles on the event's topics (for the event page), by title."""
    topic_ids = [topic.id for topic in event.topics.all()]
    if not topic_ids:
        return []
    tagged = Article.topics.through.objects.filter(topic_id__in=topic_ids)
    articles = Article.objects.published().filter(id__in=tagged.values("article")).order_by("title", "id")
    return list(articles.only("slug", "title", "summary", "language")[:limit])


def published_for_sitemap():
    return Article.objects.published().only("slug", "updated_at").order_by("id")
