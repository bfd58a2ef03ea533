"""The real URLs plus one view that fails, to see what a visitor gets from a production 500."""

from django.urls import path

from sfi.urls import handler404, handler500, urlpatterns  # noqa: F401 - the handlers are read from here


def boom(request):
    raise RuntimeError("database password wrong for anna.schmidt@example.org")


urlpatterns = [*urlpatterns, path("boom/", boom)]
