"""Fictional newsletter issues (02/2015 as PDF and HTML) and subscribers (@example.org)."""

import random
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from core.text import render_markdown
from documents.pdf import render_pdf
from events.models import Topic
from newsletter.models import Issue, Subscriber
from regions.models import District

ISSUE_2015_02 = """\
## Die ersten Unterstützer_innen-Schulungen in Sächsische Schweiz-Osterzgebirge

Im Februar trafen sich in Pirna und Freital zum ersten Mal Ehrenamtliche aus zwölf Gemeinden des
Landkreises zu unseren Schulungen. Zwei Samstage lang ging es um das Asylverfahren, um die Arbeit
der Behörden vor Ort und um die Frage, wie man Menschen begleitet, ohne sich selbst zu überfordern.

- **Asylverfahren verstehen:** Eine Referentin der Flüchtlingsberatung erklärte Schritt für
  Schritt, was nach der Ankunft geschieht.
- **Grenzen des Ehrenamts:** Wo hört Unterstützung auf, wo fangen professionelle Dienste an?
- **Vernetzung:** Die Willkommensinitiativen aus Sebnitz, Heidenau und Dippoldiswalde verabredeten
  gemeinsame Treffen.

> „Ich wusste vorher nicht, wen ich bei Fragen zur Wohnsitzauflage anrufen kann. Jetzt habe ich
> eine Liste und Gesichter dazu.“ – eine Teilnehmerin aus Heidenau (fiktiv)

### Wie geht es weiter?

Im März folgen Schulungen in Bautzen und Görlitz. Alle Termine stehen im Veranstaltungskalender.
"""

ISSUES = [
    (
        2015,
        1,
        "Das Projekt startet",
        "Wer wir sind und was wir vorhaben: Schulungen und Vernetzung in ganz Sachsen.",
        "## Das Projekt startet\n\nMit diesem ersten Newsletter stellen wir das Projekt vor (fiktiver Text).",
        False,
    ),
    (
        2015,
        2,
        "Erste Unterstützer_innen-Schulungen in Sächsische Schweiz-Osterzgebirge",
        "Rückblick auf die ersten Schulungen in Pirna und Freital, Stimmen der Teilnehmer_innen und die nächsten "
        "Termine.",
        ISSUE_2015_02,
        True,
    ),
    (
        2026,
        1,
        "Zehn Jahre Vernetzung",
        "Was aus den ersten Schulungen geworden ist, und neue Fortbildungen für Multiplikator_innen.",
        "## Zehn Jahre Vernetzung\n\nEin Rückblick und ein Ausblick (fiktiver Text).",
        False,
    ),
]

SUBSCRIBERS = 60


def seed_newsletter():
    """Three issues (02/2015 with a PDF) and fictional subscribers. Returns (issues, subscribers)."""
    rng = random.Random(15)
    now = timezone.now()
    for year, number, title, summary, body, with_pdf in ISSUES:
        issue = Issue.objects.create(
            year=year,
            number=number,
            title=title,
            slug=f"{year}-{number:02d}",
            summary=summary,
            body=body,
            published_at=min(now - timedelta(days=30), timezone.make_aware(datetime(year, number * 2, 15, 9))),
        )
        if with_pdf:
            pdf = render_pdf(
                "demo/newsletter_issue.html",
                {"issue": issue, "body": render_markdown(body), "project_name": settings.PROJECT_NAME},
            )
            issue.pdf.save(issue.pdf_filename, ContentFile(pdf), save=True)
    districts = list(District.objects.order_by("name"))
    topics = list(Topic.objects.filter(archived=False).order_by("name"))
    for n in range(1, SUBSCRIBERS + 1):
        status = Subscriber.Status.PENDING if n % 20 == 0 else Subscriber.Status.ACTIVE
        subscriber = Subscriber.objects.create(
            email=f"newsletter{n}@example.org",
            status=status,
            created_at=now - timedelta(days=rng.randint(1, 400)),
            confirmed_at=now - timedelta(days=1) if status == Subscriber.Status.ACTIVE else None,
            privacy_consented_at=now - timedelta(days=400),
        )
        if n % 3:
            subscriber.districts.set(rng.sample(districts, k=rng.randint(1, 2)))
        if topics and n % 4 == 0:
            subscriber.topics.set(rng.sample(topics, k=min(2, len(topics))))
    for _ in range(5):  # unsubscribed: only the counts remain, no address
        Subscriber.objects.create(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=now - timedelta(days=10))
    return len(ISSUES), SUBSCRIBERS
