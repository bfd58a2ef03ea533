from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe
from django.views.decorators.vary import vary_on_headers

from core.paging import clamped_page_number, page_note
from directory.filters import language_label, read_search
from directory.hours import open_status, week_table
from directory.queries import (
    directory_map,
    matching_services,
    public_service,
    search_services,
    serving_district,
    serving_municipality,
)
from relay.flow import submit_contact
from relay.forms import RelayContactForm


@require_safe
@vary_on_headers("HX-Request")
def search(request):
    query = read_search(request.GET)
    result = None
    if query.ready:
        area = serving_municipality(query.place) if query.place else serving_district(query.district.id)
        services = matching_services(area_filter=area, topic=query.topic, language=query.values.get("sprache", ""))
        result = search_services(
            services=services,
            origin=query.place,
            now=timezone.now(),
            page_number=clamped_page_number(request.GET.get("seite")),
        )
        note = page_note(request.GET.get("seite"), result.page.number)
        if note:
            query.notes.append(note)
    context = {"query": query, "result": result}
    if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted"):
        return render(request, "directory/_results.html", context)
    return render(request, "directory/search.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def service(request, pk):
    item = public_service(pk)
    recipient = item.email or item.organization.email
    form = RelayContactForm(request.POST or None) if recipient else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise Http404
        submission = submit_contact(request, form, recipient_email=recipient, recipient_label=item.name, language="de")
        if submission.done:
            return redirect("directory:service_contact_sent", pk=item.pk)
        status = submission.status
    now = timezone.now()
    locations = [sal.location for sal in item.service_at_locations.all()]
    points = [(loc.latitude, loc.longitude, loc.name, "") for loc in locations]
    current = locations[0].municipality.district.ars if locations else ""
    context = {
        "service": item,
        "locations": locations,
        "open_now": open_status(item.schedules.all(), now),
        "week": week_table(list(item.schedules.all()), now.date()),
        "languages": [language_label(lang.code, lang.name) for lang in item.languages.all()],
        "map": directory_map(current_ars=current, points=points),
        "back": request.GET.get("zurueck", ""),
        "form": form,
    }
    return render(request, "directory/service.html", context, status=status)


@require_safe
def service_contact_sent(request, pk):
    item = public_service(pk)
    context = {"recipient_label": item.name, "back_url": item.get_absolute_url()}
    return render(request, "relay/sent.html", context)


@require_safe
def overview(request):
    return render(request, "directory/overview.html", {"map": directory_map()})
