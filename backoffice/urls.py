"""/team/: the dashboard, then every app's staff URL conf declared in its contributions (STAFF_URLS).

Each app's `staff_urls.py` names its own namespace (`app_name = "<app>_staff"`), so its pages are
reversed as `<app>_staff:<name>`; the frame itself only has `backoffice:dashboard`.
"""

from django.urls import include, path

from backoffice.views import dashboard
from core import registry

frame = ([path("", dashboard.dashboard, name="dashboard")], "backoffice")

urlpatterns = [path("", include(frame))] + [
    path(staff.prefix, include(staff.module)) for _app, staff in registry.staff_urls()
]
