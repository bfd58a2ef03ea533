"""Public programme pages and feeds, and the personal programme behind the personal link."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from conferences import queries, schedule, services
from conferences.forms import ReimbursementForm, SwapForm, slot_label
from conferences.models import Choice, Conference, Reimbursement, Session
from events.models import Event
from registrations.permissions import registration_from_link


def _published(slug):
    conference = (
        Conference.objects.filter(published=True, event__slug=slug)
        .exclude(event__status=Event.Status.DRAFT)
        .select_related("event__venue__municipality")
        .first()
    )
    if conference is None:
        raise Http404
    return conference


@require_safe
def programme(request, slug):
    conference = _published(slug)
    sessions = queries.with_figures(queries.sessions_of(conference))
    context = {
        "conference": conference,
        "event": conference.event,
        "days": queries.days(sessions),
        "speakers": sorted({sp for s in sessions for sp in s.speakers.all()}, key=lambda sp: sp.name),
    }
    return render(request, "conferences/programme.html", context)


def _file(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def programme_ics(request, slug):
    conference = _published(slug)
    sessions = queries.sessions_of(conference)
    content = schedule.calendar_bytes(conference, sessions, name=str(conference.event.localized_title))
    return _file(content, "text/calendar; charset=utf-8", f"{slug}-programm.ics")


@require_safe
def session_ics(request, slug, guid):
    conference = _published(slug)
    session = get_object_or_404(
        Session.objects.select_related("slot", "room").prefetch_related("speakers"), conference=conference, guid=guid
    )
    content = schedule.calendar_bytes(conference, [session], name=str(session.localized_title))
    return _file(content, "text/calendar; charset=utf-8", f"{slug}-{session.pk}.ics")


@require_safe
def schedule_xml(request, slug):
    conference = _published(slug)
    return _file(
        schedule.schedule_xml(conference, queries.sessions_of(conference)),
        "application/xml; charset=utf-8",
        "schedule.xml",
    )


@require_safe
def schedule_json(request, slug):
    conference = _published(slug)
    return _file(
        schedule.schedule_json(conference, queries.sessions_of(conference)), "application/json", "schedule.json"
    )


def _mine(token):
    registration = registration_from_link(token)
    conference = queries.published_conference(registration.event)
    if conference is None:
        raise Http404
    return registration, conference


@require_safe
def my_programme(request, token):
    registration, conference = _mine(token)
    slots = queries.choice_slots(conference)
    counts = queries.figures([s for _slot, sessions in slots for s in sessions])
    choices = queries.choices_of(registration)
    rows = []
    for slot, sessions in slots:
        row = queries.slot_choices(choices, slot)
        form = SwapForm(sessions=sessions, counts=counts, current=row.current, kept=row.kept, prefix=f"slot{slot.pk}")
        rows.append({"slot": slot, "label": slot_label(slot), "form": form, "mine": row})
    context = {"registration": registration, "conference": conference, "rows": rows, "token": token}
    return render(request, "conferences/my_programme.html", context)


SWAP_MESSAGES = {
    Choice.Status.PLACE: gettext_lazy("Sie sind jetzt im Workshop „%(title)s“."),
    Choice.Status.WAITING: gettext_lazy(
        "Der Workshop „%(title)s“ ist ausgebucht. Sie stehen jetzt auf seiner Warteliste und bekommen eine E-Mail, "
        "wenn Sie nachrücken."
    ),
    Choice.Status.PENDING: gettext_lazy(
        "Wir haben „%(title)s“ als Ihren Wunsch notiert. Sie stehen noch auf der Warteliste der Veranstaltung; "
        "sobald Sie einen Platz haben, vergeben wir die Workshop-Plätze."
    ),
}


@require_POST
def my_swap(request, token, slot_pk):
    registration, conference = _mine(token)
    if not registration.is_active:
        raise Http404
    slot = get_object_or_404(conference.slots, pk=slot_pk)
    sessions = list(slot.sessions.filter(kind=Session.Kind.WORKSHOP).select_related("room"))
    mine = queries.slot_choices(queries.choices_of(registration), slot)
    counts = queries.figures(sessions)
    form = SwapForm(
        request.POST, sessions=sessions, counts=counts, current=mine.current, kept=mine.kept, prefix=f"slot{slot.pk}"
    )
    if not form.is_valid():
        messages.error(request, form.errors["session"][0])
        return redirect("conferences:my_programme", token=token)
    session = next(s for s in sessions if s.pk == form.cleaned_data["session"])
    swap = services.change_choice(registration=registration, session=session)
    if session.pk == mine.kept:
        messages.success(
            request,
            _("Sie bleiben im Workshop „%(title)s“ und warten nicht mehr.") % {"title": session.localized_title},
        )
        return redirect("conferences:my_programme", token=token)
    message = SWAP_MESSAGES[swap.status] % {"title": session.localized_title}
    if swap.kept is not None:
        message += " " + _("Bis dahin behalten Sie Ihren Platz im Workshop „%(title)s“.") % {
            "title": swap.kept.localized_title
        }
    messages.success(request, message)
    return redirect("conferences:my_programme", token=token)


@require_safe
def my_calendar(request, token):
    registration, conference = _mine(token)
    sessions = [c.session for c in queries.choices_of(registration) if c.status == Choice.Status.PLACE and c.session_id]
    plenary = [s for s in queries.sessions_of(conference) if not s.is_workshop]
    chosen = sorted([*plenary, *sessions], key=lambda s: (s.slot.start, s.pk))
    content = schedule.calendar_bytes(conference, chosen, name=str(conference.event.localized_title))
    return _file(content, "text/calendar; charset=utf-8", "mein-programm.ics")


def personal_links(*, registration, token):
    """Answer to `personal_page_links`: the way to the personal programme, for a conference with one."""
    conference = queries.published_conference(registration.event)
    if conference is None:
        return []
    links = [(_("Mein Programm und meine Workshops"), reverse("conferences:my_programme", kwargs={"token": token}))]
    if conference.offers_reimbursement and registration.bookings.filter(attended=True).exists():
        links.append(
            (_("Fahrtkosten erstatten lassen"), reverse("conferences:my_reimbursement", kwargs={"token": token}))
        )
    return links


@require_http_methods(["GET", "HEAD", "POST"])
def my_reimbursement(request, token):
    """Travel costs through the personal link: the form once, afterwards the state of the request."""
    registration, conference = _mine(token)
    existing = Reimbursement.objects.filter(registration=registration).first()
    refusal = None if existing else services.reimbursement_refusal(registration, conference)
    form = ReimbursementForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and not existing and not refusal and form.is_valid():
        try:
            services.submit_reimbursement(registration=registration, conference=conference, form=form)
        except services.NotEligible as exc:
            refusal, status = str(exc), 409
        else:
            messages.success(request, _("Ihr Antrag ist eingegangen. Wir melden uns per E-Mail."))
            return redirect("conferences:my_reimbursement", token=token)
    context = {
        "registration": registration,
        "conference": conference,
        "form": form,
        "existing": existing,
        "refusal": refusal,
        "token": token,
    }
    return render(request, "conferences/my_reimbursement.html", context, status=status)
