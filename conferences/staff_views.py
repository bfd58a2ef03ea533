"""The team's programme pages and the check-in per workshop (/team/veranstaltungen/<pk>/programm/…)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from audit.services import record
from conferences import queries, services
from conferences.badges import badges_pdf, participants, registration_for_badge
from conferences.badges import rows as badge_rows
from conferences.exports import WORKSHOP_COLUMNS, WORKSHOP_PARTICIPANT_COLUMNS, reimbursement_workbook
from conferences.models import Choice, PaymentBatch, Receipt, Reimbursement, Session
from conferences.permissions import can_see_bank_data
from conferences.staff_forms import FORMS, DecisionForm, PaidForm
from core.exports import download, export_format, export_links
from events.permissions import (
    can_check_in,
    can_export_participants,
    can_manage_events,
    can_manage_participants,
    visible_event_or_404,
)


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
        except services.Gone:
            messages.error(
                request, _("Jemand anderes hat diesen Eintrag inzwischen gelöscht. Nichts wurde gespeichert.")
            )
            return redirect("conferences_staff:programme", pk=event.pk)
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
    """Deleting asks first (a page that says what happens); the version seen travels along, so what
    someone else changed meanwhile is not deleted unseen."""
    seen = request.POST.get("version", "")
    if seen != str(instance.version):
        messages.error(
            request,
            _("Jemand anderes hat diesen Eintrag inzwischen geändert. Bitte prüfen Sie ihn, bevor Sie ihn löschen."),
        )
        return redirect(request.path)
    if request.POST.get("delete") != "confirmed":
        chosen = Choice.objects.active().filter(session=instance).count() if isinstance(instance, Session) else 0
        context = {"event": event, "kind": kind, "kind_label": KINDS[kind][1], "instance": instance, "chosen": chosen}
        return render(request, "conferences/staff/item_delete.html", {**context, "nav": "events"})
    if isinstance(instance, Session):
        try:
            told = services.delete_session(
                actor=request.user, session=instance, version=instance.version, request=request
            )
        except (services.Stale, services.Gone):
            messages.error(request, _("Jemand anderes hat diesen Eintrag inzwischen geändert oder gelöscht."))
            return redirect("conferences_staff:programme", pk=event.pk)
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
    fmt = export_format(request)
    if fmt:  # counts only, as the page shows them
        details = {"format": fmt, "rows": len(sessions)}
        record(actor=request.user, action="workshops.exported", target=event, details=details, request=request)
        name = f"workshops-{slugify(event.title)[:60]}-{event.pk}"
        return download(fmt, WORKSHOP_COLUMNS, sessions, filename=name, sheet=_("Workshops"), title=event.title)
    context = {"event": event, "conference": conference, "days": queries.days(sessions), "nav": "events"}
    context["exports"] = export_links(request)
    return render(request, "conferences/staff/workshops.html", context)


@require_safe
@role_required(can_use_back_office)
def workshop_checkin(request, pk, session_pk):
    event, conference = _conference(request, pk, can_check_in)
    if conference is None:
        raise Http404
    session = get_object_or_404(Session.objects.select_related("slot", "room"), pk=session_pk, conference=conference)
    rows = queries.check_in_rows(session)
    fmt = export_format(request)
    if fmt:
        if not can_export_participants(request.user, event):  # exports leave the platform: the team only
            raise PermissionDenied
        details = {"format": fmt, "rows": len(rows), "session": session.pk}
        action = "workshop.participants_exported"
        record(actor=request.user, action=action, target=event, details=details, request=request)
        name = f"workshop-{slugify(session.title)[:60]}-{session.pk}"
        sheet = _("Workshop")
        return download(fmt, WORKSHOP_PARTICIPANT_COLUMNS, rows, filename=name, sheet=sheet, title=session.title)
    context = {
        "exports": export_links(request) if can_export_participants(request.user, event) else None,
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


# --- Travel-cost reimbursement (bank data: admin and team with the second factor, every view audited) ---


def _bank(request, pk):
    event, conference = _conference(request, pk, lambda user, event: can_see_bank_data(user))
    if conference is None:
        raise Http404
    return event, conference


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_see_bank_data)
def reimbursements(request, pk):
    event, conference = _bank(request, pk)
    if request.method == "POST":  # offer or stop offering reimbursement
        services.set_reimbursement_offered(
            actor=request.user, conference=conference, offered=request.POST.get("action") == "offer", request=request
        )
        return redirect("conferences_staff:reimbursements", pk=event.pk)
    rows = queries.reimbursements_of(conference)
    services.record_bank_data_view(actor=request.user, target=conference, what="list_viewed", request=request)
    context = {
        "event": event,
        "conference": conference,
        "rows": rows,
        "totals": queries.reimbursement_totals(rows),
        "batches": queries.payment_batches(conference),
        "nav": "events",
    }
    return render(request, "conferences/staff/reimbursements.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_see_bank_data)
def reimbursement(request, pk, item_pk):
    event, conference = _bank(request, pk)
    item = get_object_or_404(
        Reimbursement.objects.select_related("registration").prefetch_related("receipts"),
        pk=item_pk,
        conference=conference,
    )
    form = DecisionForm(request.POST or None, reimbursement=item)
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.decide_reimbursement(
                actor=request.user,
                reimbursement=item,
                decision=data["decision"],
                approved_amount=data["approved_amount"],
                reason=data["reason"].strip(),
                version=data["version"],
                request=request,
            )
        except services.Stale:
            form.add_error(
                None,
                _("Jemand anderes hat über diesen Antrag inzwischen entschieden. Bitte prüfen Sie den neuen Stand."),
            )
            item.refresh_from_db()
            status = 409
        else:
            messages.success(request, _("Die Entscheidung ist gespeichert; die Person bekommt eine E-Mail."))
            return redirect("conferences_staff:reimbursements", pk=event.pk)
    services.record_bank_data_view(actor=request.user, target=item, what="viewed", request=request)
    context = {"event": event, "conference": conference, "item": item, "form": form, "nav": "events"}
    return render(request, "conferences/staff/reimbursement.html", context, status=status)


@require_safe
@role_required(can_see_bank_data)
def receipt(request, pk, item_pk, receipt_pk):
    event, conference = _bank(request, pk)
    found = get_object_or_404(Receipt, pk=receipt_pk, reimbursement_id=item_pk, reimbursement__conference=conference)
    services.record_bank_data_view(
        actor=request.user, target=found.reimbursement, what="receipt_viewed", request=request
    )
    extension = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}[found.content_type]
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = f'attachment; filename="beleg-{found.reimbursement_id}-{found.pk}.{extension}"'
    return response


@require_POST
@role_required(can_see_bank_data)
def reimbursements_sepa(request, pk):
    """Export: the approved payments in no file yet go into a new SEPA file, then it downloads."""
    event, conference = _bank(request, pk)
    if not settings.REIMBURSEMENT_DEBTOR_IBAN:
        messages.error(request, _("Für die SEPA-Datei fehlt das Auszahlungskonto (REIMBURSEMENT_DEBTOR_IBAN)."))
        return redirect("conferences_staff:reimbursements", pk=event.pk)
    batch = services.export_payments(actor=request.user, conference=conference, request=request)
    if batch is None:
        messages.info(
            request,
            _(
                "Es gibt keine bewilligten Erstattungen, die noch in keiner SEPA-Datei stehen. Frühere Dateien "
                "können Sie unten erneut herunterladen."
            ),
        )
        return redirect("conferences_staff:reimbursements", pk=event.pk)
    messages.success(
        request,
        _(
            "SEPA-Datei Nr. %(number)s mit %(count)s Überweisungen erstellt. Bitte bestätigen Sie hier, sobald die "
            "Bank sie ausgeführt hat."
        )
        % {"number": batch.number, "count": batch.count},
    )
    return redirect("conferences_staff:reimbursements", pk=event.pk)


@require_safe
@role_required(can_see_bank_data)
def payment_batch_file(request, pk, batch_pk):
    """The exported SEPA file again, byte for byte (until its bank details are erased); audited."""
    event, conference = _bank(request, pk)
    batch = get_object_or_404(PaymentBatch, pk=batch_pk, conference=conference)
    if not batch.xml:
        raise Http404
    services.record_bank_data_view(actor=request.user, target=conference, what="batch_downloaded", request=request)
    response = HttpResponse(batch.xml.encode("utf-8"), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="fahrtkosten-{event.pk}-{batch.number}-pain001.xml"'
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_see_bank_data)
def payment_batch_paid(request, pk, batch_pk):
    """The team confirms the bank executed the file: its payments become paid, the people are told."""
    event, conference = _bank(request, pk)
    batch = get_object_or_404(PaymentBatch.objects.select_related("created_by"), pk=batch_pk, conference=conference)
    form = PaidForm(request.POST or None, batch=batch, today=timezone.localdate())
    if request.method == "POST" and batch.paid_on is None and form.is_valid():
        try:
            services.confirm_paid(
                actor=request.user, batch=batch, paid_on=form.cleaned_data["paid_on"], request=request
            )
        except services.AlreadyConfirmed:
            messages.info(request, _("Diese SEPA-Datei wurde inzwischen schon als ausgezahlt bestätigt."))
        else:
            messages.success(request, _("Als ausgezahlt bestätigt; die Personen bekommen eine E-Mail."))
        return redirect("conferences_staff:reimbursements", pk=event.pk)
    context = {"event": event, "conference": conference, "batch": batch, "form": form, "nav": "events"}
    return render(request, "conferences/staff/payment_batch.html", context, status=400 if form.errors else 200)


@require_safe
@role_required(can_see_bank_data)
def reimbursements_xlsx(request, pk):
    event, conference = _bank(request, pk)
    rows = queries.reimbursements_of(conference)
    services.record_bank_data_view(actor=request.user, target=conference, what="xlsx_exported", request=request)
    response = HttpResponse(
        reimbursement_workbook(rows), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="fahrtkosten-{event.pk}.xlsx"'
    return response
