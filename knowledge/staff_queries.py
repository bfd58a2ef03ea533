"""Reads for the team's knowledge-base pages."""

from django.shortcuts import get_object_or_404

from core.text import fold
from knowledge.models import Article

MAX_QUERY_WORDS = 8


def staff_articles(*, text="", status=""):
    articles = Article.objects.for_cards().order_by("title", "id")
    if status:
        articles = articles.filter(status=status)
    for word in fold(text).split()[:MAX_QUERY_WORDS]:
        articles = articles.filter(search_text__contains=word)
    return articles


def article_for_editing(pk):
    return get_object_or_404(Article.objects.prefetch_related("topics"), pk=pk)


def revisions_of(article):
    return article.revisions.only("id", "article_id", "number", "title", "language", "saved_at")


def revision_of(article, number):
    return get_object_or_404(article.revisions.all(), number=number)


def latest_revision_number(article):
    return article.revisions.order_by("-number").values_list("number", flat=True).first()
