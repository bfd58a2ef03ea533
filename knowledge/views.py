"""The public knowledge base: article list with search and topic filter, article page, downloads."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.paging import page_with_note
from knowledge.filters import read_filters
from knowledge.queries import filter_topics, public_article, public_articles, public_download, upcoming_offers_for

PAGE_SIZE = 20


@require_safe
def article_list(request):
    query = read_filters(request.GET, topics=filter_topics().order_by("name"))
    page, page_note = page_with_note(request, query.filter(public_articles()), PAGE_SIZE)
    context = {"query": query, "page": page, "notes": query.notes + ([page_note] if page_note else [])}
    return render(request, "knowledge/list.html", context)


@require_safe
def article(request, slug):
    item = public_article(slug)
    context = {"article": item, "offers": upcoming_offers_for(item)}
    return render(request, "knowledge/article.html", context)


@require_safe
def download(request, slug, pk):
    item = public_download(slug, pk)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(handle, as_attachment=True, filename=item.filename, content_type=item.content_type)
