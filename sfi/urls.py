from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from core import registry
from core import views as core_views

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

# Every app's public URL confs come from its contributions (URLS), in INSTALLED_APPS order; the
# back office (/team/) mounts the apps' STAFF_URLS. Only what is not an app of ours is named here.
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
    *[path(urls.prefix, include(urls.module)) for urls in registry.public_urls(localized=False)],
]

urlpatterns += i18n_patterns(
    *[path(urls.prefix, include(urls.module)) for urls in registry.public_urls(localized=True)],
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
