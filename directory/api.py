"""Read-only HSDS 3.0 API under /api/hsds/ (paths and paging as in the HSDS openapi.json).

Lists are paged with `page` (from 1) and `per_page` (default 50, at most 500) and answer with
total_items, total_pages, page_number, size, first_page, last_page, empty and contents. Bad
parameters get a 400 with a JSON message, unknown ids a 404; never a 500.
"""

import math
import uuid

from django.http import JsonResponse
from django.views.decorators.http import require_safe

from directory.hsds import nested
from directory.models import Organization, Service, Taxonomy, TaxonomyTerm

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
TRUE_VALUES = {"true", "1", "yes"}


class BadRequest(ValueError):
    pass


def _json(data, status=200):
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def _error(message, status):
    return _json({"error": message}, status=status)


def _positive_int(params, name, default):
    raw = params.get(name, "")
    if raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a whole number, e.g. {name}=2") from exc
    if value < 1:
        raise BadRequest(f"{name} must be 1 or more")
    return value


def _uuid_param(params, name):
    raw = params.get(name, "")
    if not raw:
        return None
    try:
        return uuid.UUID(raw)
    except ValueError as exc:
        raise BadRequest(f"{name} must be a UUID") from exc


def _paged(request, queryset, item):
    page = _positive_int(request.GET, "page", 1)
    per_page = min(_positive_int(request.GET, "per_page", DEFAULT_PER_PAGE), MAX_PER_PAGE)
    total = queryset.count()
    total_pages = max(math.ceil(total / per_page), 1)
    offset = (page - 1) * per_page
    contents = [item(obj) for obj in queryset[offset : offset + per_page]] if offset < total else []
    return _json(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not contents,
            "contents": contents,
        }
    )


def _guarded(view):
    """Turn parameter errors into a 400 with a message instead of an error page."""

    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadRequest as exc:
            return _error(str(exc), 400)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return require_safe(wrapper)


def _get(queryset, pk):
    try:
        return queryset.get(pk=uuid.UUID(pk))
    except (ValueError, queryset.model.DoesNotExist):
        return None


@_guarded
def meta(request):
    return _json(
        {
            "version": "3.0",
            "openapi_url": "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json",
            "description": "Fachstellen-Wegweiser of Support für Initiative (Saxony), read-only.",
        }
    )


@_guarded
def services(request):
    queryset = Service.objects.select_related("organization").order_by("id")
    term_id = _uuid_param(request.GET, "taxonomy_term_id")
    if term_id:
        queryset = queryset.filter(attributes__taxonomy_term_id=term_id)
    taxonomy_id = _uuid_param(request.GET, "taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(attributes__taxonomy_term__taxonomy_id=taxonomy_id).distinct()
    organization_id = _uuid_param(request.GET, "organization_id")
    if organization_id:
        queryset = queryset.filter(organization_id=organization_id)
    if request.GET.get("search"):
        queryset = queryset.filter(name__icontains=request.GET["search"][:100])
    if request.GET.get("full", "").lower() in TRUE_VALUES:
        return _paged(request, nested.full_service_queryset().filter(pk__in=queryset.values("pk")), nested.full_service)
    return _paged(request, queryset, nested.service_list_item)


@_guarded
def service(request, pk):
    found = _get(nested.full_service_queryset(), pk)
    if found is None:
        return _error("No service with this id.", 404)
    return _json(nested.full_service(found))


@_guarded
def organizations(request):
    queryset = Organization.objects.order_by("id")
    if request.GET.get("search"):
        queryset = queryset.filter(name__icontains=request.GET["search"][:100])
    return _paged(request, queryset, nested.organization_list_item)


@_guarded
def organization(request, pk):
    full_services = request.GET.get("full_service", "").lower() in TRUE_VALUES
    found = _get(nested.full_organization_queryset(full_services=full_services), pk)
    if found is None:
        return _error("No organization with this id.", 404)
    return _json(nested.full_organization(found, full_services=full_services))


@_guarded
def taxonomies(request):
    return _paged(request, Taxonomy.objects.order_by("id"), lambda t: nested.flat(nested.tables.TAXONOMY, t))


@_guarded
def taxonomy(request, pk):
    found = _get(Taxonomy.objects.all(), pk)
    if found is None:
        return _error("No taxonomy with this id.", 404)
    return _json(nested.flat(nested.tables.TAXONOMY, found))


@_guarded
def taxonomy_terms(request):
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("id")
    taxonomy_id = _uuid_param(request.GET, "taxonomy_id")
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    parent_id = _uuid_param(request.GET, "parent_id")
    if parent_id:
        queryset = queryset.filter(parent_id=parent_id)
    if request.GET.get("top_only", "").lower() in TRUE_VALUES:
        queryset = queryset.filter(parent__isnull=True)
    return _paged(request, queryset, nested.taxonomy_term_item)


@_guarded
def taxonomy_term(request, pk):
    found = _get(TaxonomyTerm.objects.select_related("taxonomy"), pk)
    if found is None:
        return _error("No taxonomy term with this id.", 404)
    return _json(nested.taxonomy_term_item(found))
