"""What the public and the team operations share: problem sets, paging, JSON with or without an ETag."""

import hashlib
import math
from typing import Annotated
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from ninja import Path

from api.problems import Problem, invalid
from regions.queries import distances_from, find_place

PROBLEMS = {400: Problem, 404: Problem}
EventId = Annotated[int, Path(ge=1, le=2_147_483_647, description="The event's id (from GET /team/events)")]
TOKEN_PROBLEMS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 429: Problem}


# --- -------------------------------------------------------------------------------


def reject_unknown(request, params):
    """Unknown query parameters are an error naming them, not silently ignored."""
    known = {field.alias or name for name, field in type(params).model_fields.items()}
    for name in request.GET:
        if name not in known:
            raise invalid(name, "unknown parameter")


def paged(request, params, items, count, serialize):
    """The page envelope: count, pages, links to the neighbours, and the page's items."""
    pages = max(math.ceil(count / params.per_page), 1)
    start = (params.page - 1) * params.per_page
    rows = items[start : start + params.per_page] if start < count else []

    def link(page):
        query = request.GET.copy()
        query["page"] = page
        return request.build_absolute_uri(request.path + "?" + urlencode(sorted(query.items())))

    return {
        "count": count,
        "page": params.page,
        "per_page": params.per_page,
        "pages": pages,
        "next": link(params.page + 1) if params.page < pages else None,
        "previous": link(min(params.page - 1, pages)) if params.page > 1 else None,
        "results": [serialize(row) for row in rows],
    }


class Window:
    """A list that fetches only the slice `paged` asks for: `fetch(slice)` returns that page's rows."""

    def __init__(self, fetch):
        self.fetch = fetch

    def __getitem__(self, window):
        return self.fetch(window)


def public_json(request, schema, data, *, shared_cache=True):
    """A public answer with an ETag; If-None-Match with the same tag gets 304 without a body.

    `shared_cache=False` for answers that must change the moment a person withdraws (listed
    multipliers): caches then ask again every time, and the tag is that of the current body."""
    body = schema.model_validate(data).model_dump_json().encode()
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    matches = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    response = HttpResponseNotModified() if etag in matches or "*" in matches else HttpResponse(body)
    response["Content-Type"] = "application/json"
    response["ETag"] = etag
    if shared_cache:
        response["Cache-Control"] = f"public, max-age={settings.API_PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "no-cache, max-age=0"
    return response


def private_json(schema, data, status=200):
    """An answer for a token: serialised through its schema, never stored by caches."""
    body = schema.model_validate(data).model_dump_json()
    response = HttpResponse(body, content_type="application/json", status=status)
    response["Cache-Control"] = "no-store"
    return response


def distances_near(params, default_radius):
    """{municipality id: km} around the `near` parameter (None without it); a radius alone is an error."""
    if not params.near:
        if params.radius is not None:
            raise invalid("radius", "only together with near")
        return None
    lookup = find_place(params.near)
    if lookup.place is None:
        hint = f"; did you mean {', '.join(lookup.suggestions)}?" if lookup.suggestions else ""
        raise invalid("near", f"unknown municipality{hint}")
    return distances_from(lookup.place, params.radius or default_radius)


def slug_filter(name, value, queryset, field="slug"):
    if value and not queryset.filter(**{field: value}).exists():
        raise invalid(name, f"unknown value {value!r}")
    return value


def no_parameters(request):
    """An operation that takes no query parameters names the first one it got."""
    if request.GET:
        raise invalid(next(iter(request.GET)), "unknown parameter")
