"""A multiplier's own pages (the consultation log) and a course participant's certificate through
the personal link."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.decorators import login_completed_required
from accounts.permissions import has_confirmed_device
from audit.services import record
from core.exports import Column, download
from core.paging import page_with_note
from events.models import Language, Topic
from multipliers import queries, services
from multipliers.filters import read_search
from multipliers.forms import ConsultationForm, ProfileForm
from multipliers.models import Consultation
from multipliers.overview import district_overview
from multipliers.permissions import can_keep_log, is_course, own_entry_or_404
from registrations.permissions import registration_from_link
from relay.flow import CONTACT_FORM
from relay.forms import RelayContactForm


def multiplier_required(view):
    """A multiplier's own pages (not staff pages): the login, then the role, else 403."""

    @login_completed_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not can_keep_log(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@require_http_methods(["GET", "HEAD", "POST"])
@multiplier_required
def log(request):
    if request.method == "POST":
        form = ConsultationForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            services.log_consultation(
                actor=request.user,
                month=data["month"],
                district=data["district"],
                municipality=data["municipality"],
                topics=data["topics"],
                advised=data["advised"],
                agency=data["agency"],
                other_agency=data["other_agency"],
                duration=data["duration"],
            )
            messages.success(request, _("Die Beratung ist eingetragen."))
            return redirect("multipliers:log")
    else:
        form = ConsultationForm()
    entries = list(queries.own_log(request.user)[:50])
    return render(request, "multipliers/log.html", {"form": form, "entries": entries})


@require_http_methods(["GET", "HEAD", "POST"])
@multiplier_required
def delete_entry(request, pk):
    entry = own_entry_or_404(request.user, Consultation.objects.all(), pk)
    if request.method == "POST":
        services.delete_consultation(actor=request.user, entry=entry)
        messages.success(request, _("Der Eintrag ist gelöscht."))
        return redirect("multipliers:log")
    return render(request, "multipliers/delete_entry.html", {"entry": entry})


@require_safe
@multiplier_required
def log_csv(request):
    columns = [
        Column(_("Monat"), lambda entry: entry.month.strftime("%m/%Y")),
        Column(_("Landkreis"), lambda entry: entry.district.name),
        Column(_("Gemeinde"), lambda entry: entry.municipality.name if entry.municipality else ""),
        Column(_("Themen"), lambda entry: ", ".join(topic.name for topic in entry.topics.all())),
        Column(_("Beraten wurde"), lambda entry: entry.get_advised_display()),
        Column(_("Fachstelle"), lambda entry: entry.agency.name if entry.agency else entry.other_agency),
        Column(_("Dauer"), lambda entry: entry.get_duration_display()),
    ]
    return download("csv", columns, queries.own_log(request.user), filename="beratungen", sheet=_("Beratungen"))


@require_safe
def my_certificate(request, token):
    """The Zertifikat through the personal link, only once the course is completed."""
    registration = registration_from_link(token)
    if not is_course(registration.event):
        raise Http404
    row = queries.row_for(registration)
    if row is None or not row.completed:
        raise Http404
    record(
        actor=None,
        action="completion_certificate.downloaded",
        target=registration.event,
        details={"registration": registration.pk},
    )
    body = services.certificate_pdf(row, registration.event)
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{services.certificate_filename(registration.event)}"'
    response["Cache-Control"] = "no-store"
    return response


# --- The multiplier's own profile ------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@multiplier_required
def my_profile(request):
    profile = queries.profile_of(request.user)
    if profile is None:
        raise Http404
    initial = {
        "display_name": profile.display_name,
        "place": profile.municipality.name if profile.municipality else "",
        "topics": list(profile.topics.all()),
        "languages": list(profile.languages.all()),
        "how_i_help": profile.how_i_help,
        "availability": profile.availability,
        "listed": profile.listed,
        "version": profile.version,
    }
    form = ProfileForm(request.POST or None, initial=initial, already_listed=profile.listed)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_profile(
                actor=request.user,
                profile=profile,
                version=form.cleaned_data["version"],
                data=form.cleaned_data,
                listing_consent=None,
            )
        except services.StaleProfile:
            messages.error(request, _("Ihr Profil wurde inzwischen anderswo geändert. Hier ist der neue Stand."))
            return redirect("multipliers:my_profile")
        messages.success(request, _("Ihr Profil ist gespeichert."))
        return redirect("multipliers:my_profile")
    context = {
        "profile": profile,
        "form": form,
        "contacts": queries.contact_history(profile),
        "second_factor": has_confirmed_device(request.user),
    }
    return render(request, "multipliers/my_profile.html", context)


# --- The public listing ------------------------------------------------------------------------


def _public(response):
    """Listing pages change the moment a multiplier withdraws: no shared cache may keep them."""
    response["Cache-Control"] = "no-cache, max-age=0"
    return response


PAGE_SIZE = 20


@require_safe
def search(request):
    topics, languages = Topic.objects.filter(archived=False), Language.objects.filter(archived=False)
    query = read_search(request.GET, topics=topics, languages=languages)
    rows = queries.ordered_ids(queries.search(**query.arguments()), query.distances)
    page, page_note = page_with_note(request, rows, PAGE_SIZE)
    context = {
        "query": query,
        "page": page,
        "profiles": queries.cards(page.object_list),
        "found": len(rows),
        "notes": query.notes + ([page_note] if page_note else []),
        "district_overview": district_overview(queries.listed_per_district()),
    }
    return _public(render(request, "multipliers/search.html", context))


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request, uuid):
    listed = queries.listed_profile(uuid)
    if listed is None:
        raise Http404
    form = RelayContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = CONTACT_FORM.submit(
            request, form, action=lambda: services.contact_multiplier(profile=listed, data=form.cleaned_data)
        )
        if submission.done:
            return redirect("multipliers:contact_sent", uuid=listed.uuid)
        status = submission.status
    return _public(render(request, "multipliers/profile.html", {"profile": listed, "form": form}, status=status))


@require_safe
def contact_sent(request, uuid):
    listed = queries.listed_profile(uuid)
    if listed is None:
        raise Http404
    context = {"recipient_label": listed.display_name, "back_url": listed.get_absolute_url()}
    return render(request, "relay/sent.html", context)
