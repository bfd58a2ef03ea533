from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import registry
from core import views as core_views

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("robots.txt", core_views.robots_txt, name="robots"),
    path(".well-known/security.txt", core_views.security_txt, name="security_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": registry.sitemaps()},  # the sections every app declares (SITEMAPS)
        name="sitemap",
    ),
    path("api/hsds/", include("directory.api_urls")),
]

urlpatterns += i18n_patterns(
    path("", include("events.urls")),
    path("", include("registrations.urls")),
    path("", include("core.urls")),
    path("", include("network.urls")),
    path("", include("privacy.urls")),
    path("", include("directory.urls")),
    path("", include("mail.urls")),  # development-only mail view (404 unless DEBUG)
    path("", include("documents.urls")),  # a participant's certificate (personal link)
    path("", include("feedback.urls")),  # the anonymous survey
    path("konto/", include("accounts.urls")),
    path("team/", include("backoffice.urls")),  # the back office: every app's declared STAFF_URLS
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
