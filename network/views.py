from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_safe

from core.paging import page_with_note
from core.public_cache import public_page
from core.public_forms import PublicForm, RateLimit
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

PROPOSAL_FORM = PublicForm(
    name="network:propose",
    limits=(
        RateLimit(
            group="network:propose",
            setting="NETWORK_PROPOSAL_RATE",
            message=_("Von hier kamen gerade viele Vorschläge. Bitte versuchen Sie es in einer Stunde noch einmal."),
        ),
    ),
)


@require_safe
@public_page
def initiative_list(request):
    query = read_filters(request.GET, districts=districts())
    initiatives = query.filter(Initiative.objects.approved()).for_cards().order_by("name", "id")
    page, page_note = page_with_note(request, initiatives, PAGE_SIZE)
    context = {"query": query, "page": page, "notes": query.notes + ([page_note] if page_note else [])}
    return render(request, "network/list.html", context)


@require_safe
@public_page
def initiative_map(request):
    return render(request, "network/map.html", {"map": initiatives_map()})


@require_http_methods(["GET", "HEAD", "POST"])
def detail(request, slug):
    initiative = public_initiative(slug)
    form = RelayContactForm(request.POST or None)
    status = 200
    if request.method == "POST":
        submission = submit_contact(
            request,
            form,
            recipient_email=initiative.contact_email,
            recipient_label=initiative.name,
            language=RECIPIENT_LANGUAGE,
        )
        if submission.done:
            return redirect("network:contact_sent", slug=initiative.slug)
        status = submission.status
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
        submission = PROPOSAL_FORM.submit(request, form, action=lambda: propose_initiative(form=form))
        if submission.done:
            return redirect("network:proposed")
        status = submission.status
    return render(request, "network/propose.html", {"form": form}, status=status)


@require_safe
def proposed(request):
    return render(request, "network/proposed.html", {"list_url": reverse("network:list")})
