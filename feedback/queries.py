"""Survey results: per event and for all events in a period (fixed query counts)."""

from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _

from events.models import Event
from events.permissions import can_read_feedback, events_visible_to
from feedback.models import Answer, Survey


def summary(answers):
    """Averages and counts for a queryset of answers, in one query."""
    result = answers.aggregate(
        count=Count("id"),
        avg_overall=Avg("overall"),
        avg_usefulness=Avg("usefulness"),
        **{f"overall_{n}": Count("id", filter=Q(overall=n)) for n in range(1, 6)},
        **{f"usefulness_{n}": Count("id", filter=Q(usefulness=n)) for n in range(1, 6)},
    )
    result["overall_spread"] = [(n, result.pop(f"overall_{n}")) for n in range(5, 0, -1)]
    result["usefulness_spread"] = [(n, result.pop(f"usefulness_{n}")) for n in range(5, 0, -1)]
    return result


def free_texts(answers):
    """The written answers (no ids, newest day first); empty ones left out."""
    rows = (
        answers.exclude(improve="", topics_wanted="").select_related("event").order_by("-submitted_on", "event__title")
    )
    return list(rows.only("improve", "topics_wanted", "submitted_on", "event__title"))


def event_answers(event):
    return Answer.objects.filter(event=event)


def period_answers(start, end):
    answers = Answer.objects.all()
    if start:
        answers = answers.filter(event__start__date__gte=start)
    if end:
        answers = answers.filter(event__start__date__lte=end)
    return answers


def per_event(answers):
    """One row per event with its average and count (for the period page), one query."""
    ids = answers.values("event")
    return list(
        Event.objects.filter(pk__in=ids)
        .annotate(
            n_answers=Count("feedback_answers", filter=Q(feedback_answers__in=answers)),
            avg_overall=Avg("feedback_answers__overall", filter=Q(feedback_answers__in=answers)),
            avg_usefulness=Avg("feedback_answers__usefulness", filter=Q(feedback_answers__in=answers)),
        )
        .order_by("-start", "id")
    )


def unread_surveys():
    """Surveys with answers the team has not looked at yet (dashboard: feedback to read)."""
    return (
        Survey.objects.annotate(n_answers=Count("event__feedback_answers"))
        .filter(n_answers__gt=F("answers_seen"))
        .select_related("event")
        .order_by("-event__start")
    )


def events_with_feedback_to_read(events):
    """Of `events`, those with answers nobody on the team has opened yet (dashboard)."""
    return events.filter(pk__in=unread_surveys().values("event")).order_by("-start", "id")


def due_for_dashboard(*, user, now):
    """Answer to `dashboard_due`: events with feedback nobody on the team has read yet."""
    if not can_read_feedback(user):
        return []
    due = list(events_with_feedback_to_read(events_visible_to(user))[:20])
    return [("feedback/_due.html", {"due_feedback": due})] if due else []


def hub_figures(*, event):
    """Answer to `event_hub_figures`: how many answered the survey (one query)."""
    return [(60, _("Feedback-Antworten"), Answer.objects.filter(event=event).count())]
