"""The knowledge base: background articles the team writes, with their downloads and revisions.

No personal data: an article names no author (the audit log knows who changed what), a revision
keeps only the text as it was.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.text import fold, render_markdown

# The languages an article can be written in; add a line here for more (codes are ISO 639-1).
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED)

    def for_cards(self):
        return self.prefetch_related("topics")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Entwurf")
        PUBLISHED = "published", _("Veröffentlicht")

    title = models.CharField(_("Titel"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True, editable=False)
    summary = models.CharField(
        _("Kurzfassung"), max_length=300, help_text=_("Ein, zwei Sätze für die Liste und Suchmaschinen.")
    )
    body = models.TextField(
        _("Text"),
        help_text=_(
            "Markdown: **fett**, *kursiv*, ## Zwischenüberschrift, - Liste, [Linktext](https://…). "
            "Bilder, Skripte und eigenes HTML werden entfernt."
        ),
    )
    language = models.CharField(_("Sprache"), max_length=8, choices=LANGUAGES, default="de")
    topics = models.ManyToManyField("events.Topic", verbose_name=_("Themen"), blank=True, related_name="articles")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_reviewed_on = models.DateField(_("Zuletzt fachlich geprüft"), null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    search_text = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("Artikel")
        verbose_name_plural = _("Artikel")
        indexes = [models.Index(fields=["status", "title"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:article", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def body_html(self):
        return render_markdown(self.body)

    def compose_search_text(self, topics):
        """Folded like `Event.search_text`: title, summary, text and the topics' names."""
        parts = [self.title, self.summary, self.body]
        parts += [name for topic in topics for name in (topic.name, topic.name_en)]
        return fold(" ".join(part for part in parts if part))


class Revision(models.Model):
    """The article as it was after one save: number 1 is the first version."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    body = models.TextField()
    language = models.CharField(max_length=8, choices=LANGUAGES)
    topic_names = models.CharField(max_length=1000, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="knowledge_revision_unique_number")]
        verbose_name = _("Fassung")
        verbose_name_plural = _("Fassungen")

    def __str__(self):
        return f"{self.article_id} #{self.number}"

    @property
    def body_html(self):
        return render_markdown(self.body)


class Download(models.Model):
    """A PDF attached to an article; size and type are stored when it is uploaded."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="downloads")
    title = models.CharField(_("Titel"), max_length=200)
    file = models.FileField(_("Datei"), upload_to="knowledge/%Y/")
    size = models.PositiveBigIntegerField(editable=False, default=0)
    content_type = models.CharField(max_length=100, editable=False, default="application/pdf")
    position = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("Download")
        verbose_name_plural = _("Downloads")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("knowledge:download", kwargs={"slug": self.article.slug, "pk": self.pk})

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def type_label(self):
        return "PDF" if self.content_type == "application/pdf" else self.content_type
