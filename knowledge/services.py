"""The team's writes on the knowledge base: one transaction each, an audit entry each (ids and field
names only). Two people editing the same article do not overwrite each other: the page sends the
version it was opened with, and a save against a newer version raises EditConflict and writes nothing.
Every save keeps the text as a numbered revision."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from audit.services import record
from core.slugs import unique_slug
from knowledge.models import Article, Download, Revision

SLUG_LENGTH = 70


class EditConflict(Exception):
    """Someone saved the article after this page was opened; carries the current row."""

    def __init__(self, current):
        self.current = current
        super().__init__(f"article {current.pk} is at version {current.version}")


def _keep_revision(article, topics):
    last = article.revisions.aggregate(last=Max("number"))["last"] or 0
    return Revision.objects.create(
        article=article,
        number=last + 1,
        title=article.title,
        summary=article.summary,
        body=article.body,
        language=article.language,
        topic_names=", ".join(sorted(topic.name for topic in topics))[:1000],
        saved_at=timezone.now(),
    )


@transaction.atomic
def save_article(*, actor, article, topics, changed_fields=(), expected_version=None, request=None):
    """Create (`article` unsaved) or change an article with its topics; keeps a revision."""
    creating = article._state.adding
    topics = list(topics)
    if creating:
        article.slug = unique_slug(article.title, Article.objects.all(), max_length=SLUG_LENGTH, fallback="artikel")
        article.version = 1
    else:
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.version != expected_version:
            raise EditConflict(current)
        article.version = current.version + 1
    article.search_text = article.compose_search_text(topics)
    article.save()
    article.topics.set(topics)
    revision = _keep_revision(article, topics)
    record(
        actor=actor,
        action="knowledge.article_created" if creating else "knowledge.article_changed",
        target=article,
        details={"revision": revision.number, **({} if creating else {"fields": sorted(changed_fields)})},
        request=request,
    )
    return article


RESTORED_FIELDS = ("title", "summary", "body", "language")


@transaction.atomic
def restore_revision(*, actor, article, number, expected_version, request=None):
    """Make revision `number` the article's text again (title, summary, body, language; the topics stay as they
    are, since a revision keeps only their names). Saved like an edit: a new revision on top, nothing lost, and
    EditConflict when someone saved after the page was opened."""
    old = article.revisions.get(number=number)
    changed = [name for name in RESTORED_FIELDS if getattr(article, name) != getattr(old, name)]
    for name in RESTORED_FIELDS:
        setattr(article, name, getattr(old, name))
    save_article(
        actor=actor,
        article=article,
        topics=article.topics.all(),
        changed_fields=changed,
        expected_version=expected_version,
        request=request,
    )
    record(
        actor=actor, action="knowledge.revision_restored", target=article, details={"revision": number}, request=request
    )
    return article


def _set_status(*, actor, article, status, action, request):
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        if current.status == status:
            return False  # a second click changes nothing and records nothing
        fields = {"status": status, "updated_at": timezone.now()}
        if status == Article.Status.PUBLISHED and current.published_at is None:
            fields["published_at"] = timezone.now()
        Article.objects.filter(pk=article.pk).update(**fields)
        record(actor=actor, action=action, target=article, request=request)
    article.refresh_from_db(fields=["status", "published_at", "updated_at"])
    return True


def publish_article(*, actor, article, request=None):
    return _set_status(
        actor=actor, article=article, status=Article.Status.PUBLISHED, action="knowledge.published", request=request
    )


def unpublish_article(*, actor, article, request=None):
    return _set_status(
        actor=actor, article=article, status=Article.Status.DRAFT, action="knowledge.unpublished", request=request
    )


@transaction.atomic
def mark_reviewed(*, actor, article, request=None):
    """ "Fachlich geprüft": the content is right as it is. Today's date; no new version or revision."""
    today = timezone.localdate()
    Article.objects.filter(pk=article.pk).update(last_reviewed_on=today)
    article.last_reviewed_on = today
    record(actor=actor, action="knowledge.reviewed", target=article, request=request)


@transaction.atomic
def add_download(*, actor, article, title, upload, content_type, request=None):
    """Attach a checked upload (see staff_forms.DownloadForm) at the end of the article's downloads."""
    Article.objects.select_for_update().get(pk=article.pk)
    last = article.downloads.aggregate(last=Max("position"))["last"]
    download = Download(
        article=article,
        title=title,
        size=upload.size,
        content_type=content_type,
        position=0 if last is None else last + 1,
    )
    download.file.save(upload.name, upload, save=False)
    download.save()
    record(
        actor=actor,
        action="knowledge.download_added",
        target=article,
        details={"download": download.pk},
        request=request,
    )
    return download


@transaction.atomic
def remove_download(*, actor, download, request=None):
    article, download_id = download.article, download.pk
    name, storage = download.file.name, download.file.storage
    download.delete()
    record(
        actor=actor,
        action="knowledge.download_removed",
        target=article,
        details={"download": download_id},
        request=request,
    )
    # The file goes only once the row is surely gone; a rolled-back delete keeps it.
    transaction.on_commit(lambda: storage.delete(name))
