from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.guards import USED_MESSAGE, FormTokenUsed, over_limit, rate
from core.paging import page_with_note
from network.filters import read_filters
from network.forms import ProposalForm
from network.models import Initiative
from network.queries import initiatives_map, public_initiative
from network.services import propose_initiative
from regions.queries import districts
from relay.flow import submit_contact
from relay.forms import RelayContactForm

PAGE_SIZE = 20
# Initiatives in Saxony read German; the relay mail goes out in German.
RECIPIENT_LANGUAGE = "de"


@require_safe
def initiative_list(request):
    query = read_filters(request.GET, districts=districts())
    initiatives = query.filter(Initiative.objects.approved()).for_cards().order_by("name", "id")
    page, page_note = page_with_note(request, initiatives, PAGE_SIZE)
    context = {"query": query, "page": page, "notes": query.notes + ([page_note] if page_note else [])}
    return render(request, "network/list.html", context)


@require_safe
def initiative_map(request):
    return render(request, "network/map.html", {"map": initiatives_map()})


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, slug):
    initiative = public_initiative(slug)
    form = RelayContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        sent = submit_contact(
            request,
            form,
            recipient_email=initiative.contact_email,
            recipient_label=initiative.name,
            language=RECIPIENT_LANGUAGE,
        )
        if sent:
            return redirect("network:contact_sent", slug=initiative.slug)
        status = 429 if form.rate_limited else 200
    return render(request, "network/detail.html", {"initiative": initiative, "form": form}, status=status)


@require_safe
def contact_sent(request, slug):
    initiative = public_initiative(slug)
    context = {"recipient_label": initiative.name, "back_url": initiative.get_absolute_url()}
    return render(request, "relay/sent.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    form = ProposalForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.caught_bot:
            return redirect("network:proposed")
        if form.is_valid():
            if over_limit(request, group="network:propose", rate=rate("NETWORK_PROPOSAL_RATE", "5/h"), key="ip"):
                form.add_error(
                    None,
                    _("Von hier kamen gerade viele Vorschläge. Bitte versuchen Sie es in einer Stunde noch einmal."),
                )
                status = 429
            else:
                try:
                    with transaction.atomic():
                        if form.use_token():  # False for a double click: the first one saved it
                            propose_initiative(form=form)
                except FormTokenUsed:
                    form.add_error(None, USED_MESSAGE)
                else:
                    return redirect("network:proposed")
    context = {"form": form}
    return render(request, "network/propose.html", context, status=status)


@require_safe
def proposed(request):
    return render(request, "network/proposed.html", {"list_url": reverse("network:list")})
