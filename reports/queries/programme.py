"""The figures other apps add: multipliers, consultations, training requests, conference workshops,
newsletter subscribers and feedback."""

from collections import Counter

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from conferences.models import Choice
from conferences.models import Session as ConferenceSession
from events.models import Event, Topic
from feedback.models import Answer
from multipliers.models import CompletionCertificate, Consultation, Multiplier
from newsletter.models import Subscriber
from regions.models import District
from reports.queries.report import Row, Table, figure
from training_requests.models import TrainingRequest

# Averages of fewer answers could point at a person: they are withheld.
MIN_ANSWERS = 5


def _districts(scope):
    districts = District.objects.order_by("name")
    return districts.filter(pk__in=scope.districts) if scope.districts else districts


def _grouped(queryset, *fields):
    """{value (or tuple of values): number of rows}, counted by the database."""
    rows = queryset.order_by().values_list(*fields).annotate(n=Count("pk"))
    return {(row[0] if len(fields) == 1 else row[:-1]): row[-1] for row in rows}


def _counted(title_key, title, definition, counts, labels, first):
    rows = tuple(Row(str(key), str(label), (counts.get(key, 0),)) for key, label in labels)
    return Table(title_key, title, definition, (_("Anzahl"),), rows, first=first)


def network_section(scope):
    certificates = CompletionCertificate.objects.filter(sent_at__gte=scope.since, sent_at__lt=scope.until)
    listed = Multiplier.objects.filter(listed=True, created_at__lt=scope.until)
    consultations = Consultation.objects.filter(month__gte=scope.start.replace(day=1), month__lte=scope.end)
    requests = TrainingRequest.objects.filter(created_at__gte=scope.since, created_at__lt=scope.until)
    if scope.districts:
        certificates = certificates.filter(registration__event__venue__municipality__district__in=scope.districts)
        listed = listed.filter(municipality__district__in=scope.districts)
        consultations = consultations.filter(district__in=scope.districts)
        requests = requests.filter(municipality__district__in=scope.districts)
    districts = [(d.slug, d.name) for d in _districts(scope)]
    consultation_count = consultations.count()
    topic_counts = _grouped(consultations, "topics")
    topics = list(Topic.objects.filter(pk__in=consultations.values("topics")).order_by("name"))
    agency_counts = Counter()
    for (name, other), n in _grouped(consultations, "agency__name", "other_agency").items():
        agency_counts[name or other or ""] += n
    agencies = sorted((name for name in agency_counts if name), key=str.casefold)
    agency_rows = [(name, name) for name in agencies]
    if agency_counts[""]:
        agency_rows.append(("", _("ohne Weiterverweisung")))
    state_counts = _grouped(requests, "state")

    figures = [
        figure("multipliers_certified", certificates.count()),
        figure("multipliers_listed", listed.count()),
        figure("consultations", consultation_count),
        figure("training_requests", sum(state_counts.values())),
    ]
    tables = [
        _counted(
            "consultations_by_topic",
            _("Beratungen nach Thema"),
            _("Eine Beratung mit mehreren Themen zählt bei jedem."),
            topic_counts,
            [(t.pk, t.name) for t in topics],
            _("Thema"),
        ),
        _counted(
            "consultations_by_district",
            _("Beratungen nach Landkreis"),
            _("Beratungen nach dem Landkreis, in dem beraten wurde."),
            _grouped(consultations, "district__slug"),
            districts,
            _("Landkreis"),
        ),
        _counted(
            "consultations_by_agency",
            _("Beratungen nach Fachstelle"),
            _("Wohin die Beratenen weiterverwiesen wurden."),
            agency_counts,
            agency_rows,
            _("Fachstelle"),
        ),
        _counted(
            "requests_by_state",
            _("Schulungsanfragen nach Stand"),
            _("Anfragen aus dem Zeitraum nach ihrem heutigen Stand."),
            state_counts,
            TrainingRequest.State.choices,
            _("Stand"),
        ),
        _counted(
            "requests_by_district",
            _("Schulungsanfragen nach Landkreis"),
            _("Anfragen aus dem Zeitraum nach dem Landkreis der anfragenden Gemeinde."),
            _grouped(requests, "municipality__district__slug"),
            districts,
            _("Landkreis"),
        ),
    ]
    return figures, tables


def _average(answers, field):
    value = answers[field]
    return round(value, 2) if value is not None and answers["n"] >= MIN_ANSWERS else None


def outreach_section(scope, *, full=True):
    conferences = scope.offers().filter(kind=Event.Kind.CONFERENCE).exclude(status=Event.Status.CANCELLED)
    workshops = list(
        ConferenceSession.objects.filter(conference__event__in=conferences.values("pk"), kind="workshop")
        .annotate(places=Count("choices", filter=Q(choices__status=Choice.Status.PLACE)))
        .values_list("capacity", "places")
    )
    events = scope.units().exclude(status=Event.Status.CANCELLED)
    answers = Answer.objects.filter(Q(event__in=events.values("pk")) | Q(event__in=scope.offers().values("pk")))
    overall = answers.aggregate(n=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness"))
    figures = [
        figure("workshops", len(workshops)),
        figure("workshop_places", sum(p for _c, p in workshops)),
        figure("workshops_full", sum(1 for c, p in workshops if c and p >= c)),
        figure("feedback_answers", overall["n"]),
        figure("feedback_overall", _average(overall, "overall")),
        figure("feedback_usefulness", _average(overall, "usefulness")),
    ]
    by_kind = answers.values("event__kind").annotate(
        n=Count("pk"), overall=Avg("overall"), usefulness=Avg("usefulness")
    )
    by_kind = {row["event__kind"]: row for row in by_kind}
    empty = {"n": 0, "overall": None, "usefulness": None}
    kinds = [k for k in Event.Kind if not scope.kinds or k in scope.kinds]
    tables = [
        Table(
            "feedback_by_kind",
            _("Feedback nach Art des Angebots"),
            _("Antworten und Mittelwerte (1–5); Mittelwerte erst ab 5 Antworten."),
            (_("Antworten"), _("Gesamteindruck"), _("Nutzen")),
            tuple(
                Row(k.value, k.label, (row["n"], _average(row, "overall"), _average(row, "usefulness")))
                for k in kinds
                for row in [by_kind.get(k.value, empty)]
            ),
            first=_("Art"),
        )
    ]
    if full:
        active = Subscriber.objects.filter(confirmed_at__lt=scope.until).filter(
            Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=scope.until)
        )
        counts = _grouped(active, "districts__slug")
        figures.append(figure("subscribers", active.count()))
        rows = [(d.slug, d.name) for d in _districts(scope)]
        if not scope.districts:
            rows.append((None, _("ohne Auswahl (ganz Sachsen)")))
        definition = _(
            "Bestätigte Abonnements am Ende des Zeitraums nach gewählter Region; wer mehrere wählt, zählt bei jeder."
        )
        tables.append(
            _counted("subscribers_by_district", _("Newsletter nach Region"), definition, counts, rows, _("Region"))
        )
    return figures, tables
