import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.decorators import role_required
from privacy import rights
from privacy.forms import EraseConfirmForm, PersonLookupForm
from privacy.labels import labelled
from privacy.models import PrivacyNotice
from privacy.permissions import can_manage_privacy
from privacy.processing import TECHNICAL_MEASURES, processing_record
from privacy.queries import current_notice

NAV = {"nav": "privacy"}  # highlights "Datenschutz" in the back-office navigation


@require_safe
def notice(request, version=None):
    current = current_notice()
    if version is None:
        shown = current
    else:
        shown = PrivacyNotice.objects.published().filter(version=version).first()
        if shown is None:
            raise Http404
    versions = PrivacyNotice.objects.published().only("version", "published_at")
    context = {"notice": shown, "current": current, "versions": versions}
    return render(request, "privacy/notice.html", context)


@require_safe
@role_required(can_manage_privacy)
def processing_record_page(request):
    context = {
        **NAV,
        "activities": processing_record(),
        "measures": TECHNICAL_MEASURES,
        "controller": settings.ORGANISER_NAME,
        "privacy_contact": settings.PRIVACY_CONTACT,
    }
    return render(request, "privacy/processing_record.html", context)


# --- Self-service through the personal link ----------------------------------------------


def _json_download(data, filename):
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _export_context(found):
    data = rights.export_data(found)
    items = [
        {"record": record, "rows": labelled(item), "raw": item} for record, item in rights.described_items(found, data)
    ]
    return {"export": data, "items": items}


@require_safe
@never_cache
def my_data(request, token):
    found = rights.find_person(rights.address_from_link(token))
    rights.record(actor=None, action="privacy.self_viewed", found=found, request=request)
    return render(request, "privacy/my_data.html", {"token": token, **_export_context(found)})


@require_safe
@never_cache
def my_data_json(request, token):
    found = rights.find_person(rights.address_from_link(token))
    rights.record(actor=None, action="privacy.self_exported", found=found, request=request)
    return _json_download(rights.export_data(found), f"meine-daten-{timezone.localdate():%Y-%m-%d}.json")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def erase_me(request, token):
    email = rights.address_from_link(token)
    found = rights.find_person(email)
    if request.method == "POST":
        erasure = rights.erase_person(email=email)
        rights.record(
            actor=None, action="privacy.self_erased", found=found, request=request, cancelled=erasure.cancelled
        )
        return redirect("privacy:erased")
    return render(request, "privacy/erase_me.html", {"token": token, **_export_context(found)})


@require_safe
def erased(request):
    return render(request, "privacy/erased.html")


# --- Staff tool for requests that arrive by e-mail ------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@role_required(can_manage_privacy)
def requests_page(request):
    form = PersonLookupForm(request.POST or None)
    context = {**NAV, "form": form}
    if request.method == "POST" and form.is_valid():
        found = rights.find_person(form.cleaned_data["email"])
        rights.record(actor=request.user, action="privacy.request_lookup", found=found, request=request)
        context.update(_export_context(found), searched=True, email=form.cleaned_data["email"])
    return render(request, "privacy/requests.html", context)


@require_POST
@role_required(can_manage_privacy)
def request_export(request):
    form = PersonLookupForm(request.POST)
    if not form.is_valid():
        return render(request, "privacy/requests.html", {**NAV, "form": form}, status=400)
    found = rights.find_person(form.cleaned_data["email"])
    rights.record(actor=request.user, action="privacy.request_exported", found=found, request=request)
    return _json_download(rights.export_data(found), f"auskunft-{timezone.localdate():%Y-%m-%d}.json")


@require_POST
@role_required(can_manage_privacy)
def request_erase(request):
    """Two steps: the lookup page's button shows what will happen; the confirmed form erases."""
    lookup = PersonLookupForm(request.POST)
    if not lookup.is_valid():
        return render(request, "privacy/requests.html", {**NAV, "form": lookup}, status=400)
    email = lookup.cleaned_data["email"]
    confirming = request.POST.get("step") == "confirm"
    form = EraseConfirmForm(request.POST if confirming else None, initial={"email": email})
    found = rights.find_person(email)
    if confirming and form.is_valid():
        erasure = rights.erase_person(email=email)
        rights.record(
            actor=request.user, action="privacy.request_erased", found=found, request=request,
            cancelled=erasure.cancelled,
        )  # fmt: skip
        return render(request, "privacy/request_erased.html", {**NAV, "erasure": erasure})
    return render(request, "privacy/request_erase.html", {**NAV, "form": form, **_export_context(found)})
