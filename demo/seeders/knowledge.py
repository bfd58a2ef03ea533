"""Fictional knowledge-base articles (German, some English) on the catalogue's topics, with PDFs.

The texts are written for the demo: general background as the trainings teach it, no real
persons, no legal advice. Written through the real services, so every article has its first
revision and audit entries like one the team wrote. Run after the events seeder (topics)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from events.models import Topic
from knowledge.models import Article
from knowledge.services import add_download, publish_article, save_article

# (title, language, topic slugs, summary, body, published, reviewed days ago, downloads)
ARTICLES = [
    (
        "Das Asylverfahren in Deutschland – ein Überblick",
        "de",
        ["asylverfahren"],
        "Von der Ankunft bis zum Bescheid: die Stationen des Asylverfahrens und wo Ehrenamtliche begleiten können.",
        """## Die Stationen

1. **Ankunft und Registrierung** in der Erstaufnahmeeinrichtung
2. **Antragstellung** beim Bundesamt
3. **Anhörung** – das wichtigste Gespräch im Verfahren
4. **Bescheid** und gegebenenfalls Rechtsmittel

## Wo Ehrenamtliche helfen können

- Termine gemeinsam im Kalender eintragen und Wege erklären
- zur Anhörung ermutigen, sich gut vorzubereiten – **keine Rechtsberatung**, dafür gibt es Fachstellen
- Briefe gemeinsam lesen und Fristen notieren

> Tipp: Fristen im Bescheid sind kurz. Verweisen Sie früh an eine Beratungsstelle im Wegweiser.
""",
        True,
        30,
        [("Merkblatt: Stationen des Asylverfahrens", "Stationen des Asylverfahrens (Demo-Merkblatt)")],
    ),
    (
        "Fristen im Bescheid erkennen",
        "de",
        ["asylverfahren", "ehrenamt"],
        "Wie man gemeinsam mit Geflüchteten die Rechtsbehelfsbelehrung findet und warum schnelles Handeln zählt.",
        """## Wo steht die Frist?

Am Ende eines Bescheids steht die *Rechtsbehelfsbelehrung*. Dort steht, **bis wann** und **wo** etwas
eingereicht werden kann.

## Was Sie tun können

- Eingangsdatum auf dem Umschlag notieren
- sofort eine Fachberatung kontaktieren
- Kopien aufbewahren
""",
        True,
        200,
        [],
    ),
    (
        "Traumasensibel begleiten",
        "de",
        ["trauma", "ehrenamt"],
        "Was Belastungsreaktionen sind, wie man ruhig reagiert und wo die eigenen Grenzen liegen.",
        """## Belastung erkennen

Schlafprobleme, Reizbarkeit oder Rückzug können Folgen belastender Erlebnisse sein.

## Ruhig reagieren

- verlässlich sein: Absprachen einhalten
- nicht nach Fluchterlebnissen fragen
- Wahlmöglichkeiten lassen

## Eigene Grenzen

Sie sind keine Therapeut_innen. Holen Sie sich Unterstützung in Supervision oder im Austausch mit
anderen Ehrenamtlichen.
""",
        True,
        None,
        [("Checkliste: Selbstfürsorge im Ehrenamt", "Selbstfuersorge im Ehrenamt (Demo-Checkliste)")],
    ),
    (
        "Sprachmittlung im Alltag organisieren",
        "de",
        ["sprache", "vernetzung"],
        "Wann Laiendolmetschen reicht, wann es Profis braucht, und wie man beides vor Ort organisiert.",
        """## Laien oder Profis?

Beim Arztbesuch oder beim Amt braucht es oft **professionelle Sprachmittlung**. Für Alltägliches helfen
Sprachpat_innen aus der Initiative.

## Vor Ort organisieren

- eine Liste mit Sprachen und Erreichbarkeiten führen (mit Einwilligung!)
- Kinder nicht dolmetschen lassen
- Videodolmetschen als Ausweg kennen
""",
        True,
        90,
        [],
    ),
    (
        "Arbeitsmarktzugang: Beschäftigungserlaubnis",
        "de",
        ["arbeit"],
        "Wann Geflüchtete arbeiten dürfen, welche Stellen beteiligt sind und wie Initiativen bei der Suche helfen.",
        """## Wer entscheidet?

Die Ausländerbehörde erteilt die Erlaubnis, oft mit Zustimmung der Arbeitsagentur.

## Wie Initiativen helfen

- Praktika in der Nachbarschaft vermitteln
- Bewerbungsunterlagen gemeinsam erstellen
- an die Migrationsberatung verweisen
""",
        True,
        400,
        [],
    ),
    (
        "Understanding the asylum procedure",
        "en",
        ["asylverfahren"],
        "The main steps of the asylum procedure in Germany, in plain English for volunteers and newcomers.",
        """## The steps

1. **Registration** at the initial reception centre
2. **Application** at the Federal Office
3. **Interview** – the most important conversation
4. **Decision** and, if needed, legal remedies

Deadlines in a decision are short: contact a counselling service early.
""",
        True,
        30,
        [("Fact sheet: the asylum procedure", "The asylum procedure (demo fact sheet)")],
    ),
    (
        "Volunteering: possibilities and limits",
        "en",
        ["ehrenamt"],
        "What volunteers can do, what professionals should do, and how to say no without guilt.",
        """## What you can do

- accompany people to appointments
- practise German in everyday situations
- help find local clubs and offers

## Where professionals take over

Legal advice, therapy and medical questions belong to specialist services.
""",
        True,
        None,
        [],
    ),
    (
        "Familiennachzug – Entwurf",
        "de",
        ["familie"],
        "Entwurf: Grundzüge des Familiennachzugs und wie Ehrenamtliche Familien begleiten können.",
        """## Entwurf

Dieser Artikel wird noch fachlich geprüft und ist nicht öffentlich.
""",
        False,
        None,
        [],
    ),
]


def _pdf(line):
    """A small valid one-page PDF showing `line` (ASCII), written by hand: no PDF library needed."""
    text = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    stream = f"BT /F1 16 Tf 72 760 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def seed_knowledge():
    """The demo articles (idempotent: skipped when articles exist); returns how many were made."""
    if Article.objects.exists():
        return 0
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    today = timezone.localdate()
    for title, language, slugs, summary, body, published, reviewed_days, downloads in ARTICLES:
        article = Article(title=title, summary=summary, body=body, language=language)
        save_article(actor=None, article=article, topics=[topics[s] for s in slugs if s in topics])
        if published:
            publish_article(actor=None, article=article)
        if reviewed_days is not None:
            Article.objects.filter(pk=article.pk).update(last_reviewed_on=today - timedelta(days=reviewed_days))
        for number, (download_title, pdf_line) in enumerate(downloads, start=1):
            name = f"{article.slug[:40]}-{number}.pdf"
            upload = SimpleUploadedFile(name, _pdf(pdf_line), content_type="application/pdf")
            add_download(
                actor=None, article=article, title=download_title, upload=upload, content_type="application/pdf"
            )
    return len(ARTICLES)
