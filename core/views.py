import logging
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)
HEALTHZ_ROWS = 10


@require_safe
def sources(request):
    return render(request, "core/sources.html")


@require_safe
@never_cache
def healthz(request):
    # `SELECT 1` answers even from an empty or damaged database; reading real rows of the tables
    # every public page needs does not. The newest rows by primary key are a few pages, so this
    # stays at about a millisecond at any size (damage elsewhere in the file is found by
    # backup_db's full check). Plain SQL: the ORM would triple the time for nothing.
    label = None
    quote = connection.ops.quote_name
    try:
        with connection.cursor() as cursor:
            for label in settings.HEALTHZ_MODELS:
                meta = apps.get_model(label)._meta
                table, pk = quote(meta.db_table), quote(meta.pk.column)
                cursor.execute(f"SELECT * FROM {table} ORDER BY {pk} DESC LIMIT {HEALTHZ_ROWS}")  # noqa: S608 - names from our models
                cursor.fetchall()
    except Exception as error:  # noqa: BLE001 - any failure to read means "not healthy"
        # The class only: the response and the log say nothing about the data.
        logger.error("healthz: reading %s failed (%s)", label, type(error).__name__)
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /en/admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def security_txt(request):
    # RFC 9116: Expires is required and should be less than a year ahead; it is computed per
    # request from the contact setting, which is reviewed with every deployment.
    expires = (datetime.now(UTC) + timedelta(days=180)).replace(hour=0, minute=0, second=0, microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: de, en",
        f"Canonical: {request.build_absolute_uri(request.path)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    # The language links point to the home pages: an error page never repeats the requested
    # address, which may carry whatever someone typed or pasted (docs/security.md).
    home_links = [
        (code, name, "/" if code == settings.LANGUAGE_CODE else f"/{code}/") for code, name in settings.LANGUAGES
    ]
    return render(request, "404.html", {"language_links": home_links}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
