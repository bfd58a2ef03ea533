"""Check-in at the door, on a phone: search, tick present, undo, add a walk-in.

Plain forms: the search is a POST that keeps the typed name in the session (never in the URL) and
redirects back; every tick is a POST that redirects back to the page, which still shows that search.
With htmx the row and the counts are swapped in place instead (the same view answers with the fragments).
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.decorators.http import require_http_methods, require_POST

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from core.exports import Column, download, export_format, export_links
from events.permissions import can_check_in, can_export_participants
from participants import queries, services
from participants.forms import WalkInForm
from participants.views.common import event_for, remember_search, remembered_search
from regions.queries import municipality_names
from registrations.models import Booking


def _session(event, value):
    """The session chosen (?termin=), else the one running or next, else the last; None without sessions."""
    sessions = list(event.sessions.all())
    if not sessions:
        return None, []
    if value:
        chosen = next((s for s in sessions if str(s.pk) == str(value)), None)
        if chosen is None:
            raise Http404
        return chosen, sessions
    now = timezone.now()
    return next((s for s in sessions if s.end >= now), sessions[-1]), sessions


def _back(event, session):
    """The door page of this session: only the session id in the URL, never the search."""
    url = reverse("participants_staff:checkin", kwargs={"pk": event.pk})
    return f"{url}?{urlencode({'termin': session.pk})}" if session else url


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def door(request, pk):
    event = event_for(request, pk, can_check_in)
    if request.method == "POST":  # the search form
        session, _sessions = _session(event, request.POST.get("termin"))
        text = "" if request.POST.get("reset") else request.POST.get("q", "")
        remember_search(request, "checkin", event, text)
        return redirect(_back(event, session))
    session, sessions = _session(event, request.GET.get("termin"))
    q = remembered_search(request, "checkin", event)
    rows = queries.by_name(queries.check_in_rows(event, session, q=q))
    fmt = export_format(request)
    if fmt:
        return _export(request, event, session, rows, fmt)
    services.record_view(actor=request.user, event=event, request=request, rows=len(rows), check_in=True)
    context = {
        "exports": export_links(request) if can_export_participants(request.user, event) else None,
        "event": event,
        "session": session,
        "sessions": sessions,
        "q": q,
        "rows": rows,
        "counts": queries.check_in_counts(event, session),
        "nav": "events",
    }
    return render(request, "participants/checkin.html", context)


# The door list as a download (core.exports): what the door page shows, for the session chosen.
EXPORT_COLUMNS = [
    Column(_l("Name"), lambda row: row.registration.name),
    Column(_l("Organisation/Initiative"), lambda row: row.registration.organisation),
    Column(_l("Gemeinde"), lambda row: row.registration.municipality.name if row.registration.municipality else ""),
    Column(_l("Ohne Anmeldung gekommen"), lambda row: hasattr(row.registration, "walk_in")),
    Column(_l("Anwesend"), lambda row: row.present),
]


def _export(request, event, session, rows, fmt):
    """Exports leave the platform: the team only (a trainer at the door sees the list, no download)."""
    if not can_export_participants(request.user, event):
        raise PermissionDenied
    services.record_view(
        actor=request.user,
        event=event,
        action="checkin.exported",
        request=request,
        format=fmt,
        rows=len(rows),
        session=session.pk if session else None,
    )
    sheet = _("Einlass")
    title = f"{event.title} – {session.title}" if session else event.title
    name = f"einlass-{slugify(event.title)[:60]}-{event.pk}" + (f"-{session.pk}" if session else "")
    return download(fmt, EXPORT_COLUMNS, rows, filename=name, sheet=sheet, title=title)


@require_POST
@role_required(can_use_back_office)
def tick(request, pk):
    event = event_for(request, pk, can_check_in)
    session, _sessions = _session(event, request.POST.get("termin"))
    booking_pk = request.POST.get("booking", "")
    booking = get_object_or_404(Booking, pk=int(booking_pk) if booking_pk.isdigit() else 0, event=event)
    if request.POST.get("action") == "undo":
        services.undo_check_in(actor=request.user, booking=booking, session=session, request=request)
    elif booking.status in Booking.TAKEN:
        services.check_in(actor=request.user, booking=booking, session=session, request=request)
    if not request.headers.get("HX-Request"):
        return redirect(_back(event, session))
    row = queries.check_in_rows(event, session).get(pk=booking.pk)
    context = {"event": event, "session": session, "row": row}
    context["counts"] = queries.check_in_counts(event, session)
    return render(request, "participants/_checkin_tick.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def walk_in(request, pk):
    event = event_for(request, pk, can_check_in)
    session, _sessions = _session(event, request.GET.get("termin") or request.POST.get("termin"))
    form = WalkInForm(request.POST or None, event=event)
    if form.is_valid():
        services.add_walk_in(actor=request.user, event=event, person=form.person(), session=session, request=request)
        # No name: messages travel in a cookie (or the session) and must hold no personal data.
        messages.success(request, _("Person ohne Anmeldung erfasst."))
        remember_search(request, "checkin", event, "")  # show everyone, the new person too
        return redirect(_back(event, session))
    context = {
        "event": event,
        "session": session,
        "form": form,
        "municipality_names": municipality_names(),
        "nav": "events",
    }
    return render(request, "participants/walk_in.html", context)
