"""The team's knowledge-base pages in the back-office frame (admin and team)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from audit.services import record
from core.exports import Column, download, export_format, export_links
from core.text import render_markdown
from knowledge import services
from knowledge.models import Article, Download
from knowledge.permissions import can_edit_knowledge
from knowledge.services import EditConflict
from knowledge.staff_forms import ArticleForm, DownloadForm, ListSearchForm, VersionForm
from knowledge.staff_queries import (
    article_for_editing,
    latest_revision_number,
    revision_of,
    revisions_of,
    staff_articles,
)

PAGE_SIZE = 50
NAV = {"nav": "knowledge"}

# The list's download (core.exports): what the table shows, with the current search and status.
EXPORT_COLUMNS = [
    Column(gettext_lazy("Titel"), lambda a: a.title),
    Column(gettext_lazy("Sprache"), lambda a: a.get_language_display()),
    Column(gettext_lazy("Themen"), lambda a: ", ".join(str(topic) for topic in a.topics.all())),
    Column(gettext_lazy("Status"), lambda a: a.get_status_display()),
    Column(gettext_lazy("Zuletzt fachlich geprüft"), lambda a: a.last_reviewed_on),
]


@require_safe
@role_required(can_edit_knowledge)
def article_list(request):
    form = ListSearchForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    articles = staff_articles(text=data.get("q", "").strip(), status=data.get("status", ""))
    fmt = export_format(request)
    if fmt:
        rows = list(articles.prefetch_related("topics"))
        details = {"format": fmt, "rows": len(rows)}
        record(actor=request.user, action="knowledge.articles_exported", target=None, details=details, request=request)
        return download(fmt, EXPORT_COLUMNS, rows, filename="wissen", sheet=_("Wissen"))
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("seite"))
    context = {"page": page, "form": form, "exports": export_links(request), **NAV}
    return render(request, "knowledge/staff/article_list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_knowledge)
def article_form(request, article_pk=None):
    article = article_for_editing(article_pk) if article_pk else Article()
    data = request.POST or None
    form = ArticleForm(data, instance=article)
    version = VersionForm(data, initial={"version": article.version})
    conflict, preview, preview_language = False, None, article.language
    if data is not None and request.POST.get("action") == "preview":
        # The preview shows the typed text exactly as the public page would; nothing is saved.
        preview = render_markdown(request.POST.get("body", ""))
        form.is_valid()
        preview_language = form.cleaned_data.get("language") or article.language
    elif data is not None and form.is_valid() and version.is_valid():
        try:
            services.save_article(
                actor=request.user,
                article=form.save(commit=False),
                topics=form.cleaned_data["topics"],
                changed_fields=form.changed_data,
                expected_version=version.cleaned_data["version"],
                request=request,
            )
        except EditConflict as error:
            conflict = True
            version = VersionForm(initial={"version": error.current.version})
        else:
            messages.success(request, _("Der Artikel „%(title)s“ ist gespeichert.") % {"title": article.title})
            return redirect("knowledge_staff:article_edit", article_pk=article.pk)
    creating = article._state.adding
    context = {"form": form, "version": version, "article": article, "conflict": conflict, "preview": preview}
    context["preview_language"] = preview_language
    return render(request, "knowledge/staff/article_form.html", {**context, "creating": creating, **NAV})


@require_POST
@role_required(can_edit_knowledge)
def article_status(request, article_pk):
    article = get_object_or_404(Article, pk=article_pk)
    action = request.POST.get("action")
    if action == "publish":
        services.publish_article(actor=request.user, article=article, request=request)
        messages.success(request, _("„%(title)s“ ist veröffentlicht.") % {"title": article.title})
    elif action == "unpublish":
        services.unpublish_article(actor=request.user, article=article, request=request)
        messages.success(request, _("„%(title)s“ ist nicht mehr öffentlich.") % {"title": article.title})
    return redirect("knowledge_staff:article_edit", article_pk=article.pk)


@require_POST
@role_required(can_edit_knowledge)
def article_reviewed(request, article_pk):
    article = get_object_or_404(Article, pk=article_pk)
    services.mark_reviewed(actor=request.user, article=article, request=request)
    messages.success(request, _("„%(title)s“ ist als heute geprüft vermerkt.") % {"title": article.title})
    return redirect("knowledge_staff:article_edit", article_pk=article.pk)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_edit_knowledge)
def downloads(request, article_pk):
    article = get_object_or_404(Article, pk=article_pk)
    form = DownloadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.add_download(
            actor=request.user,
            article=article,
            title=form.cleaned_data["title"],
            upload=form.cleaned_data["file"],
            content_type=form.content_type,
            request=request,
        )
        messages.success(request, _("Die Datei „%(title)s“ ist angehängt.") % {"title": form.cleaned_data["title"]})
        return redirect("knowledge_staff:downloads", article_pk=article.pk)
    context = {"article": article, "form": form, "downloads": article.downloads.all()}
    return render(request, "knowledge/staff/downloads.html", {**context, **NAV})


@require_POST
@role_required(can_edit_knowledge)
def download_remove(request, article_pk, download_pk):
    download = get_object_or_404(Download.objects.select_related("article"), pk=download_pk, article_id=article_pk)
    services.remove_download(actor=request.user, download=download, request=request)
    messages.success(request, _("Die Datei „%(title)s“ ist entfernt.") % {"title": download.title})
    return redirect("knowledge_staff:downloads", article_pk=article_pk)


@require_safe
@role_required(can_edit_knowledge)
def revisions(request, article_pk):
    article = get_object_or_404(Article, pk=article_pk)
    context = {"article": article, "revisions": revisions_of(article)}
    return render(request, "knowledge/staff/revisions.html", {**context, **NAV})


@require_safe
@role_required(can_edit_knowledge)
def revision(request, article_pk, number):
    article = get_object_or_404(Article, pk=article_pk)
    context = {
        "article": article,
        "revision": revision_of(article, number),
        "is_latest": number == latest_revision_number(article),
        "version": VersionForm(initial={"version": article.version}),
    }
    return render(request, "knowledge/staff/revision.html", {**context, **NAV})


@require_POST
@role_required(can_edit_knowledge)
def revision_restore(request, article_pk, number):
    article = get_object_or_404(Article, pk=article_pk)
    revision_of(article, number)  # 404 for a number that does not exist
    version = VersionForm(request.POST)
    try:
        if not version.is_valid():
            raise EditConflict(article)
        services.restore_revision(
            actor=request.user,
            article=article,
            number=number,
            expected_version=version.cleaned_data["version"],
            request=request,
        )
    except EditConflict:
        messages.error(
            request,
            _(
                "Der Artikel wurde inzwischen noch einmal gespeichert. "
                "Prüfen Sie die aktuelle Fassung, bevor Sie eine frühere wiederherstellen."
            ),
        )
        return redirect("knowledge_staff:revision", article_pk=article.pk, number=number)
    messages.success(
        request, _("Fassung %(number)s ist wiederhergestellt und als neue Fassung gespeichert.") % {"number": number}
    )
    return redirect("knowledge_staff:article_edit", article_pk=article.pk)
