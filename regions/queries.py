"""Reusable reads about places: lookup by name, distance, "near me"."""

import difflib
import math
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from regions.models import District, Municipality

_INDEX_CACHE_KEY = "regions:municipality-index:v1"
_INDEX_TTL_SECONDS = 300
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    lat: float
    lon: float
    district_id: int


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def municipality_index() -> list[Place]:
    """All municipalities as light records, cached: the list is small and rarely edited."""
    places = cache.get(_INDEX_CACHE_KEY)
    if places is None:
        places = [
            Place(*row)
            for row in Municipality.objects.order_by("name").values_list("id", "name", "lat", "lon", "district_id")
        ]
        cache.set(_INDEX_CACHE_KEY, places, _INDEX_TTL_SECONDS)
    return places


def municipality_names() -> list[str]:
    return [place.name for place in municipality_index()]


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").split())


@dataclass(frozen=True)
class PlaceLookup:
    place: Place | None
    suggestions: list[str]


def find_place(name: str) -> PlaceLookup:
    """Resolve a typed municipality name; unknown names get close matches as suggestions."""
    wanted = _fold(name)
    if not wanted:
        return PlaceLookup(None, [])
    places = municipality_index()
    by_name = {_fold(place.name): place for place in places}
    if wanted in by_name:
        return PlaceLookup(by_name[wanted], [])
    prefixed = [place for key, place in by_name.items() if key.startswith(wanted)]
    if len(prefixed) == 1:
        return PlaceLookup(prefixed[0], [])
    close = difflib.get_close_matches(wanted, by_name.keys(), n=5, cutoff=0.6)
    suggestions = [p.name for p in prefixed[:5]] or [by_name[key].name for key in close]
    return PlaceLookup(None, suggestions)


def resolve_place_filter(query, param: str = "ort") -> Place | None:
    """For a GET filter (core.filters.FilterQuery): the place typed in `query.values[param]`.

    A known name is replaced by its spelling in our list; an unknown one is dropped with a
    note, and close matches go to `query.suggestions`.
    """
    typed = query.values.get(param)
    if not typed:
        return None
    lookup = find_place(typed)
    if lookup.place is None:
        query.values.pop(param)
        query.suggestions = lookup.suggestions
        query.notes.append(_("Wir kennen keine sächsische Gemeinde „%(name)s“.") % {"name": typed})
        return None
    query.values[param] = lookup.place.name
    return lookup.place


def place_by_id(municipality_id: int) -> Place | None:
    return next((p for p in municipality_index() if p.id == municipality_id), None)


def distances_from(origin: Place, radius_km: float) -> dict[int, float]:
    """Municipality id → distance in km, for every municipality within the radius."""
    result = {}
    for place in municipality_index():
        km = haversine_km(origin.lat, origin.lon, place.lat, place.lon)
        if km <= radius_km:
            result[place.id] = km
    return result


def districts() -> list[District]:
    return list(District.objects.order_by("short_name"))
