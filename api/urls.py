"""`/api/v1/`: the ninja API's operations, its schema (`openapi.json`) and docs page (`docs/`,
Swagger UI served from django-ninja's own static files, no CDN).

HEAD is answered like GET (crawlers and link checkers use it): a HEAD request runs the GET
operation and the server leaves the body out."""

from functools import wraps

from django.urls import URLPattern, path
from django.views.decorators.http import require_safe
from django.views.generic.base import RedirectView

from api.views import api, not_found_view


def _head_as_get(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "HEAD":
            request.method = "GET"
            response = view(request, *args, **kwargs)
            request.method = "HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapper


def _patterns():
    patterns, _app_name, _namespace = api.urls
    return [
        URLPattern(pattern.pattern, _head_as_get(pattern.callback), pattern.default_args, pattern.name)
        for pattern in patterns
    ]


app_name = "api_v1"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="api_v1:openapi-view"), name="index"),
    *_patterns(),
    path("<path:rest>", require_safe(not_found_view), name="not_found"),
]
