"""Stammdaten: the reference data events are made of (partners, contact persons, topics, target
groups, languages, funding lines). Archived items vanish from the choices, events keep them;
only unused items can be deleted."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from events import services, staff_forms, staff_queries
from events.models import Contact, FundingLine, Language, Partner, TargetGroup, Topic
from events.permissions import can_manage_events
from events.staff_views.venues import _next_url

PAGE_SIZE = 50


@dataclass(frozen=True)
class Kind:
    """One kind of reference data: its address segment, model, form and what the pages call it."""

    key: str
    model: type
    form: type
    title: str
    description: str
    detail_label: str
    detail: str  # the attribute shown next to the name in the list

    def name_of(self, item):
        return str(getattr(item, "name", None) or item)


KINDS = {
    kind.key: kind
    for kind in (
        Kind(
            "kooperationspartner",
            Partner,
            staff_forms.PartnerForm,
            gettext_lazy("Kooperationspartner_innen"),
            gettext_lazy("Organisationen, die Veranstaltungen mit ausrichten; Partner-Konten gehören zu einer."),
            gettext_lazy("Website"),
            "website",
        ),
        Kind(
            "ansprechpersonen",
            Contact,
            staff_forms.ContactForm,
            gettext_lazy("Ansprechpersonen"),
            gettext_lazy("Funktion mit Büro-E-Mail und -Telefon; jede veröffentlichte Veranstaltung braucht eine."),
            gettext_lazy("Büro-E-Mail"),
            "email",
        ),
        Kind(
            "themen",
            Topic,
            staff_forms.TopicForm,
            gettext_lazy("Themen"),
            gettext_lazy("Themen im Veranstaltungskalender, im Filter und auf Bescheinigungen."),
            gettext_lazy("Kurzadresse"),
            "slug",
        ),
        Kind(
            "zielgruppen",
            TargetGroup,
            staff_forms.TargetGroupForm,
            gettext_lazy("Zielgruppen"),
            gettext_lazy("Für wen eine Veranstaltung gedacht ist; auch ein Filter im Kalender."),
            gettext_lazy("Kurzadresse"),
            "slug",
        ),
        Kind(
            "sprachen",
            Language,
            staff_forms.LanguageForm,
            gettext_lazy("Sprachen"),
            gettext_lazy("In welchen Sprachen eine Veranstaltung stattfindet; auch ein Filter im Kalender."),
            gettext_lazy("Sprachcode"),
            "code",
        ),
        Kind(
            "foerderlinien",
            FundingLine,
            staff_forms.FundingLineForm,
            gettext_lazy("Förderlinien"),
            gettext_lazy("Die Zeile, die auf Teilnahmeliste und Teilnahmebescheinigung steht."),
            gettext_lazy("Text"),
            "text",
        ),
    )
}


def _kind(key):
    try:
        return KINDS[key]
    except KeyError:
        raise Http404 from None


def _list_url(kind):
    return reverse("events_staff:reference_list", kwargs={"kind": kind.key})


def _context(kind, **more):
    return {"kind": kind, "nav": "reference", **more}


@require_safe
@role_required(can_manage_events)
def overview(request):
    return render(request, "events/staff/reference_overview.html", {"kinds": KINDS.values(), "nav": "reference"})


@require_safe
@role_required(can_manage_events)
def item_list(request, kind):
    kind = _kind(kind)
    page = Paginator(staff_queries.reference_rows(kind.model), PAGE_SIZE).get_page(request.GET.get("seite"))
    for item in page.object_list:
        item.detail = getattr(item, kind.detail)
    return render(request, "events/staff/reference_list.html", _context(kind, page=page))


def _usage(item):
    count, latest, accounts = staff_queries.reference_usage(item)
    others = staff_queries.other_uses(item)
    return {
        "count": count,
        "events": latest,
        "more": count - len(latest),
        "accounts": accounts,
        "others": others,
        "in_use": bool(count or accounts or others),
    }


def _differences(form, current):
    """(label, saved, typed) for every field where the other person's save differs from the input."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or field.disabled:
            continue
        saved, typed = getattr(current, name), form.data.get(name, "")
        if str(saved) != str(typed):
            rows.append((field.label, saved, typed))
    return rows


def _conflict(kind, request, current):
    """The form again with the input kept, now at the saved version (saving again takes the input
    over on purpose), the differences to the saved item, and the saved item itself."""
    data = request.POST.copy()
    data["version"] = current.version
    form = kind.form(data, instance=kind.model.objects.get(pk=current.pk))  # a copy the form may change
    form.is_valid()
    form.add_error(
        None,
        _(
            "Jemand hat diesen Eintrag gespeichert, während Sie ihn bearbeitet haben. Ihre Eingabe ist erhalten; "
            "vergleichen Sie sie mit der gespeicherten Fassung und speichern Sie erneut, um sie zu übernehmen."
        ),
    )
    return form, _differences(form, current)


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def item_form(request, kind, item_pk=None):
    kind = _kind(kind)
    item = get_object_or_404(kind.model, pk=item_pk) if item_pk else kind.model()
    form = kind.form(request.POST or None, instance=item)
    differences = []
    if form.is_valid():
        try:
            if item_pk:
                services.update_reference(
                    actor=request.user,
                    item=form.save(commit=False),
                    changed_fields=form.changed_model_fields(),
                    expected_version=form.cleaned_data["version"],
                    request=request,
                )
            else:
                services.create_reference(actor=request.user, item=form.save(commit=False), request=request)
        except services.EditConflict as conflict:
            item = conflict.current
            form, differences = _conflict(kind, request, item)
        else:
            messages.success(request, _("„%(name)s“ ist gespeichert.") % {"name": kind.name_of(form.instance)})
            return redirect(_next_url(request) or _list_url(kind))
    usage = _usage(item) if item_pk else None
    context = _context(kind, form=form, item=item, usage=usage, differences=differences, next=_next_url(request))
    return render(request, "events/staff/reference_form.html", context)


@require_POST
@role_required(can_manage_events)
def item_archive(request, kind, item_pk, archived):
    kind = _kind(kind)
    item = get_object_or_404(kind.model, pk=item_pk)
    services.set_reference_archived(actor=request.user, item=item, archived=archived, request=request)
    if archived:
        text = _("„%(name)s“ ist archiviert: keine Auswahl mehr, Veranstaltungen behalten den Eintrag.")
    else:
        text = _("„%(name)s“ ist wieder auswählbar.")
    messages.success(request, text % {"name": kind.name_of(item)})
    return redirect(_list_url(kind))


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_events)
def item_delete(request, kind, item_pk):
    kind = _kind(kind)
    item = get_object_or_404(kind.model, pk=item_pk)
    if request.method == "POST":
        try:
            services.delete_reference(
                actor=request.user, item=item, usage=staff_queries.reference_use_count, request=request
            )
        except services.ReferenceInUse:
            pass  # someone used it meanwhile: the page below says where
        else:
            messages.success(request, _("„%(name)s“ ist gelöscht.") % {"name": kind.name_of(item)})
            return redirect(_list_url(kind))
    context = _context(kind, item=item, usage=_usage(item))
    return render(request, "events/staff/reference_delete.html", context)
