"""Write to all participants or the waiting list; follow the progress of any mailing of an event."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import role_required
from accounts.permissions import can_use_back_office
from events.permissions import can_manage_participants
from participants import queries, services
from participants.forms import MessageForm
from participants.models import Mailing
from participants.views.common import event_for


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_use_back_office)
def write(request, pk):
    event = event_for(request, pk, can_manage_participants)
    form = MessageForm(request.POST or None, initial={"audience": request.GET.get("an") or None})
    if form.is_valid():
        mailing = services.write_to(actor=request.user, event=event, request=request, **form.cleaned_data)
        text = ngettext(
            "%(n)s E-Mail ist in der Warteschlange. Hier sehen Sie, wie weit der Versand ist.",
            "%(n)s E-Mails sind in der Warteschlange. Hier sehen Sie, wie weit der Versand ist.",
            mailing.planned,
        ) % {"n": mailing.planned}
        unreachable = queries.without_address_counts(event)[mailing.audience]
        if unreachable:
            text += " " + ngettext(
                "%(n)s Person ohne E-Mail-Adresse bekommt nichts.",
                "%(n)s Personen ohne E-Mail-Adresse bekommen nichts.",
                unreachable,
            ) % {"n": unreachable}
        messages.success(request, text)
        return redirect("participants_staff:mailing", pk=event.pk, mailing_pk=mailing.pk)
    counts = queries.counts(event)
    context = {"event": event, "form": form, "counts": counts, "nav": "events"}
    context["without_address"] = queries.without_address_counts(event)
    return render(request, "participants/write.html", context)


@require_safe
@role_required(can_use_back_office)
def mailing_detail(request, pk, mailing_pk):
    event = event_for(request, pk, can_manage_participants)
    mailing = get_object_or_404(queries.mailing_progress(Mailing.objects.filter(event=event)), pk=mailing_pk)
    template = "participants/_progress.html" if request.headers.get("HX-Request") else "participants/mailing.html"
    return render(request, template, {"event": event, "mailing": mailing, "nav": "events"})
