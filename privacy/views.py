from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from privacy.models import PrivacyNotice
from privacy.permissions import require_privacy_staff
from privacy.processing import TECHNICAL_MEASURES, processing_record
from privacy.services import current_notice


@require_GET
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


@require_GET
@login_required
def processing_record_page(request):
    require_privacy_staff(request.user)
    context = {
        "activities": processing_record(),
        "measures": TECHNICAL_MEASURES,
        "controller": settings.ORGANISER_NAME,
        "privacy_contact": settings.PRIVACY_CONTACT,
    }
    return render(request, "privacy/processing_record.html", context)
