"""Reads of the board with fixed query counts (public list, feed, sitemap, the team's queue)."""

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from board.models import Post


def public_posts(now=None):
    return Post.objects.public(now).for_cards().order_by("-published_at", "-id")


def public_post(pk):
    """A post visitors may see, or 404 (also once it expired, closed or was never approved)."""
    post = Post.objects.public().for_cards().filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


QUEUES = ("pending", "reported", "published", "closed")


def review_queue(queue, now=None):
    """Posts for one tab of the team's page, with their open reports counted."""
    now = now or timezone.now()
    posts = Post.objects.for_cards().annotate(open_reports=Count("reports", filter=Q(reports__handled_at__isnull=True)))
    if queue == "reported":
        posts = posts.filter(open_reports__gt=0, status=Post.Status.PUBLISHED)
    elif queue == "published":
        posts = posts.filter(status=Post.Status.PUBLISHED, valid_until__gt=now)
    elif queue == "closed":
        posts = posts.filter(Q(status__in=Post.CLOSED) | Q(status=Post.Status.PUBLISHED, valid_until__lte=now))
    else:
        posts = posts.filter(status=Post.Status.PENDING)
    return posts.order_by("-created_at", "-id")


def queue_counts(now=None):
    now = now or timezone.now()
    return Post.objects.aggregate(
        pending=Count("id", distinct=True, filter=Q(status=Post.Status.PENDING)),
        reported=Count(
            "id",
            distinct=True,
            filter=Q(status=Post.Status.PUBLISHED, reports__handled_at__isnull=True, reports__isnull=False),
        ),
        published=Count("id", distinct=True, filter=Q(status=Post.Status.PUBLISHED, valid_until__gt=now)),
        closed=Count(
            "id",
            distinct=True,
            filter=Q(status__in=Post.CLOSED) | Q(status=Post.Status.PUBLISHED, valid_until__lte=now),
        ),
    )
