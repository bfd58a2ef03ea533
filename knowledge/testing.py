"""Builders for knowledge-base articles (no mocks: these write real rows through the services)."""

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.testing import make_user
from knowledge.models import Article
from knowledge.services import add_download, publish_article, save_article

_counter = itertools.count(1)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_article(*, title=None, summary=None, body=None, language="de", topics=(), published=True, actor=None):
    n = next(_counter)
    actor = actor or make_user("team")
    article = Article(
        title=title or f"Hintergrund Nr. {n}",
        summary=summary or "Was Ehrenamtliche über das Thema wissen sollten.",
        body=body or "## Worum es geht\n\nEin **kurzer** Überblick.",
        language=language,
    )
    save_article(actor=actor, article=article, topics=topics)
    if published:
        publish_article(actor=actor, article=article)
    return article


def make_download(article, *, title="Merkblatt", content=PDF_BYTES, name="merkblatt.pdf"):
    actor = make_user("team")
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return add_download(actor=actor, article=article, title=title, upload=upload, content_type="application/pdf")
