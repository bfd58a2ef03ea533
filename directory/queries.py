"""Reusable reads for the Wegweiser: search, service page, counts per district.

Search runs in two steps so its number of queries does not grow with the results: one light
query finds every matching service with its locations' coordinates (for nearest-first order),
then one page of services is loaded with everything its card shows, prefetched.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import ngettext

from directory.hours import open_status
from directory.models import Attribute, Language, Service, ServiceArea, ServiceAtLocation, TaxonomyTerm
from regions.maps import build_map
from regions.models import District
from regions.queries import Place, haversine_km

PAGE_SIZE = 20


def serving_municipality(place: Place):
    """Areas that cover a municipality: the municipality itself, its district, or all of Saxony."""
    return (
        Q(municipality_id=place.id)
        | Q(district_id=place.district_id)
        | Q(district__isnull=True, municipality__isnull=True)
    )


def serving_district(district_id: int):
    return (
        Q(district_id=district_id)
        | Q(municipality__district_id=district_id)
        | Q(district__isnull=True, municipality__isnull=True)
    )


def matching_services(*, area_filter, topic: TaxonomyTerm | None = None, language: str = ""):
    areas = ServiceArea.objects.filter(area_filter, service=OuterRef("pk"))
    services = Service.objects.active().filter(Exists(areas))
    if topic is not None:
        terms = Q(taxonomy_term=topic) | Q(taxonomy_term__parent=topic)
        services = services.filter(Exists(Attribute.objects.filter(terms, service=OuterRef("pk"))))
    if language:
        services = services.filter(Exists(Language.objects.filter(service=OuterRef("pk"), code=language)))
    return services


def for_cards(queryset):
    locations = ServiceAtLocation.objects.select_related("location__municipality__district").prefetch_related(
        "location__addresses"
    )
    return queryset.select_related("organization").prefetch_related(
        Prefetch("service_at_locations", queryset=locations),
        "schedules",
        "topics",
        "languages",
        "phones",
    )


@dataclass
class ServiceHit:
    service: Service
    distance_km: float | None
    location: object | None
    open_now: bool | None


@dataclass
class SearchResult:
    hits: list = field(default_factory=list)
    page: object = None
    total: int = 0


def _nearest_order(rows, origin: Place | None):
    """rows of (id, name, lat, lon) → ids nearest first (services without a location last)."""
    best: dict = {}
    for service_id, name, lat, lon in rows:
        km = haversine_km(origin.lat, origin.lon, lat, lon) if origin and lat is not None else None
        current = best.get(service_id)
        if current is None or (km is not None and (current[0] is None or km < current[0])):
            best[service_id] = (km, name)
    order = sorted(best.items(), key=lambda item: (item[1][0] is None, item[1][0] or 0, item[1][1], str(item[0])))
    return [service_id for service_id, _ in order]


def search_services(*, services, origin: Place | None, now: datetime, page_number: int = 1, page_size=PAGE_SIZE):
    """One page of `services` (a queryset from matching_services), nearest to `origin` first."""
    rows = services.values_list(
        "id", "name", "service_at_locations__location__latitude", "service_at_locations__location__longitude"
    )
    ids = _nearest_order(rows, origin)
    paginator = Paginator(ids, page_size)
    page = paginator.get_page(page_number)
    loaded = {s.id: s for s in for_cards(Service.objects.filter(id__in=list(page.object_list)))}
    hits = []
    for service_id in page.object_list:
        service = loaded[service_id]
        hits.append(_hit(service, origin, now))
    return SearchResult(hits=hits, page=page, total=paginator.count)


def _hit(service, origin, now):
    locations = [sal.location for sal in service.service_at_locations.all()]
    nearest, distance = None, None
    for location in locations:
        km = haversine_km(origin.lat, origin.lon, location.latitude, location.longitude) if origin else None
        if nearest is None or (km is not None and km < distance):
            nearest, distance = location, km
    return ServiceHit(
        service=service, distance_km=distance, location=nearest, open_now=open_status(service.schedules.all(), now)
    )


def public_service(pk):
    """A service with everything its page shows, or 404. Defunct services are gone for the public."""
    locations = ServiceAtLocation.objects.select_related("location__municipality__district").prefetch_related(
        "location__addresses", "location__accessibility", "location__phones", "location__schedules"
    )
    queryset = (
        Service.objects.exclude(status=Service.Status.DEFUNCT)
        .select_related("organization")
        .prefetch_related(
            Prefetch("service_at_locations", queryset=locations),
            "schedules",
            "topics",
            "languages",
            "phones",
            "organization__phones",
            Prefetch("service_areas", queryset=ServiceArea.objects.select_related("district", "municipality")),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def service_counts_by_district() -> dict[int, int]:
    """District id → number of active services available there (statewide ones count everywhere)."""
    rows = ServiceArea.objects.filter(service__status=Service.Status.ACTIVE).values_list(
        "service_id", "district_id", "municipality__district_id"
    )
    district_ids = list(District.objects.values_list("id", flat=True))
    per_district: dict[int, set] = {district_id: set() for district_id in district_ids}
    for service_id, district_id, municipality_district_id in rows:
        target = district_id or municipality_district_id
        if target is None:
            for members in per_district.values():
                members.add(service_id)
        elif target in per_district:
            per_district[target].add(service_id)
    return {district_id: len(members) for district_id, members in per_district.items()}


def district_link(district):
    return reverse("directory:search") + f"?kreis={district.slug}"


def services_count(number, shown):
    """The map's count words: "1 Fachstelle", "2–4 Fachstellen" (`shown` may be a range)."""
    return ngettext("%(shown)s Fachstelle", "%(shown)s Fachstellen", number) % {"shown": shown}


def directory_map(*, current_ars="", points=()):
    districts = list(District.objects.order_by("short_name"))
    counts = service_counts_by_district()
    context = build_map(
        districts, counts, district_link, current_ars=current_ars, points=points, count_label=services_count
    )
    context["districts"] = [(d, counts.get(d.id, 0), district_link(d)) for d in districts]
    return context


def topic_choices():
    return list(TaxonomyTerm.objects.filter(parent__isnull=True).order_by("name"))


def language_choices() -> list[tuple[str, str]]:
    """Languages offered by at least one service, as (code, stored name)."""
    rows = Language.objects.filter(service__isnull=False).values_list("code", "name").distinct().order_by("code")
    seen: dict[str, str] = {}
    for code, name in rows:
        seen.setdefault(code, name)
    return list(seen.items())
