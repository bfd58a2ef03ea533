"""The team's programme pages and the check-in per workshop (/team/veranstaltungen/<pk>/programm/…)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from conferences import queries, services
from conferences.badges import badges_pdf, participants, registration_for_badge
from conferences.badges import rows as badge_rows
from conferences.models import Choice, Session
from conferences.staff_forms import FORMS
from events.permissions import can_check_in, can_manage_events, can_manage_participants, visible_event_or_404


def _conference(request, pk, allowed):
    event = visible_event_or_404(request.user, pk)
    if not allowed(request.user, event):
        raise PermissionDenied
    conference = queries.conference_of(event)
    return event, conference


def _manage(user, event):
    return can_manage_events(user)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def programme(request, pk):
    event, conference = _conference(request, pk, _manage)
    if request.method == "POST":
        action = request.POST.get("action")
        if conference is None and action == "create":
            services.create_conference(actor=request.user, event=event, request=request)
            messages.success(
                request, _("Das Programm ist angelegt. Legen Sie jetzt Räume, Zeitfenster und Programmpunkte an.")
            )
        elif conference is not None and action in ("publish", "unpublish"):
            services.set_published(
                actor=request.user, conference=conference, published=action == "publish", request=request
            )
            messages.success(
                request,
                _("Das Programm ist veröffentlicht.")
                if action == "publish"
                else _("Das Programm ist nicht mehr öffentlich."),
            )
        return redirect("conferences_staff:programme", pk=event.pk)
    context = {"event": event, "conference": conference, "nav": "events"}
    if conference is not None:
        sessions = queries.with_figures(queries.sessions_of(conference))
        slots = list(conference.slots.all())
        context.update(
            days=queries.days(sessions, slots),
            clashes=queries.clashes(sessions),
            rooms=list(conference.rooms.all()),
            speakers=list(conference.speakers.all()),
        )
    return render(request, "conferences/staff/programme.html", context)


KINDS = {
    "raum": ("rooms", gettext_lazy("Raum")),
    "zeitfenster": ("slots", gettext_lazy("Zeitfenster")),
    "referentin": ("speakers", gettext_lazy("Referent_in")),
    "programmpunkt": ("sessions", gettext_lazy("Programmpunkt")),
}


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def item(request, pk, kind, item_pk=None):
    event, conference = _conference(request, pk, _manage)
    if conference is None or kind not in FORMS:
        raise Http404
    form_class = FORMS[kind]
    instance = get_object_or_404(getattr(conference, KINDS[kind][0]), pk=item_pk) if item_pk else None
    form = form_class(request.POST or None, instance=instance, conference=conference)
    status = 200
    if request.method == "POST" and request.POST.get("delete") and instance is not None:
        return _delete(request, event, kind, instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_item(actor=request.user, form=form, conference=conference, request=request)
        except services.Stale:
            # Keep what was typed; the next save (with the new version) overwrites knowingly.
            form.data = form.data.copy()
            form.data["version"] = type(instance).objects.get(pk=instance.pk).version
            form.add_error(
                None,
                _(
                    "Jemand anderes hat diesen Eintrag inzwischen geändert. Ihre Änderung ist noch nicht "
                    "gespeichert. Prüfen Sie Ihre Angaben und speichern Sie erneut, um den neuen Stand zu "
                    "überschreiben."
                ),
            )
            status = 409
        else:
            messages.success(request, _("Gespeichert."))
            return redirect("conferences_staff:programme", pk=event.pk)
    context = {
        "event": event,
        "conference": conference,
        "form": form,
        "kind": kind,
        "kind_label": KINDS[kind][1],
        "instance": instance,
        "nav": "events",
    }
    return render(request, "conferences/staff/item.html", context, status=status)


def _delete(request, event, kind, instance):
    if isinstance(instance, Session):
        told = services.delete_session(actor=request.user, session=instance, request=request)
        messages.success(
            request, _("Der Programmpunkt ist gelöscht. %(n)s Personen wurden gebeten, neu zu wählen.") % {"n": told}
        )
        return redirect("conferences_staff:programme", pk=event.pk)
    try:
        services.delete_item(actor=request.user, item=instance, request=request)
    except ProtectedError:
        messages.error(
            request, _("Dieser Eintrag wird noch von Programmpunkten genutzt und kann nicht gelöscht werden.")
        )
        return redirect(request.path)
    messages.success(request, _("Gelöscht."))
    return redirect("conferences_staff:programme", pk=event.pk)


@require_safe
@role_required(can_use_back_office)
def workshops(request, pk):
    """Every workshop with its places, waiting list and people present: the check-in overview."""
    event, conference = _conference(request, pk, can_check_in)
    if conference is None:
        raise Http404
    sessions = queries.with_figures([s for s in queries.sessions_of(conference) if s.is_workshop])
    context = {"event": event, "conference": conference, "days": queries.days(sessions), "nav": "events"}
    return render(request, "conferences/staff/workshops.html", context)


@require_safe
@role_required(can_use_back_office)
def workshop_checkin(request, pk, session_pk):
    event, conference = _conference(request, pk, can_check_in)
    if conference is None:
        raise Http404
    session = get_object_or_404(Session.objects.select_related("slot", "room"), pk=session_pk, conference=conference)
    rows = queries.check_in_rows(session)
    context = {
        "event": event,
        "session": session,
        "rows": rows,
        "count": queries.figures([session])[session.pk],
        "nav": "events",
    }
    return render(request, "conferences/staff/checkin.html", context)


@require_POST
@role_required(can_use_back_office)
def workshop_tick(request, pk, session_pk):
    event, conference = _conference(request, pk, can_check_in)
    if conference is None:
        raise Http404
    value = request.POST.get("choice", "")
    choice = get_object_or_404(
        Choice.objects.select_related("registration"),
        pk=int(value) if value.isdigit() else 0,
        session_id=session_pk,
        session__conference=conference,
        status=Choice.Status.PLACE,
    )
    present = request.POST.get("action") != "undo"
    services.check_in(actor=request.user, choice=choice, present=present, request=request)
    if present:
        messages.success(request, _("%(name)s ist als anwesend eingetragen.") % {"name": choice.registration.name})
    else:
        messages.info(request, _("Anwesenheit von %(name)s zurückgenommen.") % {"name": choice.registration.name})
    return redirect("conferences_staff:workshop_checkin", pk=event.pk, session_pk=session_pk)


# --- Name badges and check-in by QR code ---------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def badges(request, pk):
    """Print all badges, only those added since the last print, or one person's (POST: a PDF)."""
    event, conference = _conference(request, pk, _may_print)
    if conference is None:
        raise Http404
    if request.method == "POST":
        scope, layout = request.POST.get("scope"), request.POST.get("layout")
        person = request.POST.get("person", "")
        if (
            layout not in ("a6", "a4")
            or scope not in ("all", "new", "one")
            or (scope == "one" and not person.isdigit())
        ):
            messages.error(request, _("Bitte wählen Sie, welche Namensschilder in welchem Format gedruckt werden."))
            return redirect("conferences_staff:badges", pk=event.pk)
        chosen = badge_rows(
            event, conference, only_new=scope == "new", registration_id=int(person) if scope == "one" else None
        )
        if not chosen:
            messages.info(request, _("Es gibt keine neuen Namensschilder zu drucken."))
            return redirect("conferences_staff:badges", pk=event.pk)
        pdf = badges_pdf(event, chosen, layout=layout)
        services.print_badges(
            actor=request.user,
            event=event,
            registrations=[r.registration for r in chosen if r.registration],
            request=request,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="namensschilder-{layout}.pdf"'
        return response
    people = participants(event)
    context = {
        "event": event,
        "people": people,
        "new_count": sum(1 for p in people if not (hasattr(p, "badge") and p.badge.printed_at)),
        "nav": "events",
    }
    return render(request, "conferences/staff/badges.html", context)


def _may_print(user, event):
    return can_manage_participants(user, event)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def badge_checkin(request, pk, token):
    """What scanning a badge's QR code opens: the person, present at the door and in their workshops."""
    event, conference = _conference(request, pk, can_check_in)
    registration = registration_for_badge(token)
    if conference is None or registration is None or registration.event_id != event.pk:
        raise Http404
    if request.method == "POST":
        if request.POST.get("action") == "door":
            services.check_in_from_badge(actor=request.user, registration=registration, request=request)
            messages.success(request, _("%(name)s ist als anwesend eingetragen.") % {"name": registration.name})
        else:
            value = request.POST.get("choice", "")
            choice = get_object_or_404(
                Choice, pk=int(value) if value.isdigit() else 0, registration=registration, status=Choice.Status.PLACE
            )
            services.check_in(actor=request.user, choice=choice, present=True, request=request)
            messages.success(request, _("%(name)s ist als anwesend eingetragen.") % {"name": registration.name})
        return redirect(request.path)
    choices = [c for c in queries.choices_of(registration) if c.status == Choice.Status.PLACE]
    at_door = registration.bookings.filter(attended=True).exists()
    context = {"event": event, "registration": registration, "choices": choices, "at_door": at_door, "nav": "events"}
    return render(request, "conferences/staff/badge_checkin.html", context)
