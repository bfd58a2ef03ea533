"""Reusable reads about places: lookup by name, distance, "near me"."""

import difflib
import functools
import math
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from regions.models import District, Municipality

_INDEX_CACHE_KEY = "regions:municipality-index:v1"
_INDEX_TTL_SECONDS = 300
EARTH_RADIUS_KM = 6371.0
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180
# The loaded index per process, under the token the cache holds: the cache says whether the list is
# still fresh (cleared or expired, it is read again), and the records are not unpickled per request.
_index_memo: dict[str, list] = {}


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
    token = cache.get(_INDEX_CACHE_KEY)
    places = _index_memo.get(token) if token else None
    if places is None:
        places = [
            Place(*row)
            for row in Municipality.objects.order_by("name").values_list("id", "name", "lat", "lon", "district_id")
        ]
        if not token:
            token = secrets.token_hex(8)
            cache.set(_INDEX_CACHE_KEY, token, _INDEX_TTL_SECONDS)
        _index_memo.clear()
        _index_memo[token] = places
    return places


def municipality_names() -> list[str]:
    return [place.name for place in municipality_index()]


_TRANSLITERATE = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def _fold(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, no accents (Budyšin = budysin), punctuation as spaces.

    Both the typed text and our names are folded the same way, so "Oelsnitz (Erzgeb)" meets
    "Oelsnitz/Erzgeb." and "Goerlitz" meets "Görlitz"."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLITERATE))
    return _NOT_LETTERS.sub(" ", text.encode("ascii", "ignore").decode()).strip()


# How people write a part of a municipality: "Pirna, Copitz", "Copitz (Pirna)", "Pirna OT Copitz",
# a bilingual name "Bautzen/Budyšin", a postal address "01796 Pirna". Hyphens ("Pirna-Copitz",
# "Dresden-Neustadt") are handled as words, because many real names have one (Annaberg-Buchholz).
_POSTAL_CODE = re.compile(r"^\s*\d{5}\s+")
_PART_WORDS = re.compile(r"\s+(?:OT|Ortsteil|Stadtteil|Gemeindeteil)\.?\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"[,;()/]")
# Qualifiers that only tell same-named towns apart: "Reichenbach im Vogtland", "Sohland a.d. Spree".
_QUALIFIER = re.compile(r"/| (?:b\.|a\.d\.|i\.d\.|im|in|am|an der) ")


def _unique(items):
    return list(dict.fromkeys(item for item in items if item))


def _typed_parts(name: str) -> list[str]:
    """The typed text, then each piece a municipality's name may be in, folded; most specific first."""
    text = _POSTAL_CODE.sub("", name)
    pieces = _SEPARATORS.split(_PART_WORDS.sub(",", text))
    return _unique([_fold(text), *(_fold(piece) for piece in pieces)])


def _word_prefixes(part: str) -> list[str]:
    """ "dresden neustadt" -> ["dresden"]: the leading words, longest first, without the whole."""
    words = part.split()
    return [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]


@dataclass(frozen=True)
class _Names:
    exact: dict  # folded official name -> Place
    aliases: dict  # folded short form -> [Place, ...] (more than one: ambiguous)


@functools.lru_cache(maxsize=2)
def _names(places: tuple[Place, ...]) -> _Names:
    """Official names, and the short forms people use for them: the name without its qualifier
    ("Breitenbrunn" for Breitenbrunn/Erzgeb.) and each half of a merged municipality
    ("Schlema" for Aue-Bad Schlema, "Neugersdorf" for Ebersbach-Neugersdorf)."""
    exact, aliases = {}, {}
    for place in places:
        exact[_fold(place.name)] = place
        base = _QUALIFIER.split(place.name, maxsplit=1)[0]
        short = {_fold(base), *(_fold(half) for half in base.split("-"))} if "-" in base else {_fold(base)}
        for alias in short - {_fold(place.name)}:
            aliases.setdefault(alias, []).append(place)
    for alias in [alias for alias in aliases if alias in exact]:
        del aliases[alias]  # a real municipality of that name wins ("Hartmannsdorf")
    return _Names(exact, aliases)


@dataclass(frozen=True)
class PlaceLookup:
    place: Place | None
    suggestions: list[str]
    # True when the place was found in a longer text ("Pirna-Copitz", "Bautzen/Budyšin"), so a
    # filter can say which municipality it searched.
    from_part: bool = False


def _named(candidate: str, names: _Names, ambiguous: list) -> Place | None:
    """The municipality a folded text names (official name or an unambiguous short form);
    places an ambiguous short form could mean are added to `ambiguous`."""
    if candidate in names.exact:
        return names.exact[candidate]
    matches = names.aliases.get(candidate, [])
    if len(matches) == 1:
        return matches[0]
    ambiguous += matches
    return None


def find_place(name: str) -> PlaceLookup:
    """Resolve a typed municipality name, also a part of one; unknown names get close matches as suggestions."""
    parts = _typed_parts(name)
    if not parts:
        return PlaceLookup(None, [])
    whole, names, ambiguous = parts[0], _names(tuple(municipality_index())), []
    place = _named(whole, names, ambiguous)
    if place:
        return PlaceLookup(place, [])
    started = [place for key, place in names.exact.items() if key.startswith(whole)]
    if len(started) == 1:  # the start of a name ("Dresd")
        return PlaceLookup(started[0], [])
    prefixes = [prefix for part in parts for prefix in _word_prefixes(part)]
    for candidate in [*parts[1:], *prefixes]:
        place = _named(candidate, names, ambiguous)
        if place:
            return PlaceLookup(place, [], from_part=True)
    suggestions = _unique(place.name for place in [*ambiguous, *started])[:5]
    return PlaceLookup(None, suggestions or _close_matches([*parts, *prefixes], names))


def _close_matches(candidates: list[str], names: _Names) -> list[str]:
    """Names spelt like any of the candidates, best match first (a typo in "Pirnaa-Copitz" suggests Pirna)."""
    targets = {key: [place] for key, place in names.exact.items()} | names.aliases
    scores = {}
    for candidate in candidates:
        for key in difflib.get_close_matches(candidate, targets, n=5, cutoff=0.6):
            score = difflib.SequenceMatcher(None, candidate, key).ratio()
            for place in targets[key]:
                scores[place.name] = max(scores.get(place.name, 0), score)
    return sorted(scores, key=lambda name: -scores[name])[:5]


def resolve_place_filter(query, param: str = "ort") -> Place | None:
    """For a GET filter (core.filters.FilterQuery): the place typed in `query.values[param]`.

    A known name is replaced by its spelling in our list (a part such as "Pirna-Copitz" by its
    municipality, with a note); an unknown one is dropped with a note, and close matches go to
    `query.suggestions`.
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
    if lookup.from_part:
        query.notes.append(
            _("Für „%(typed)s“ suchen wir in der Gemeinde %(name)s.") % {"typed": typed, "name": lookup.place.name}
        )
    query.values[param] = lookup.place.name
    return lookup.place


def place_by_id(municipality_id: int) -> Place | None:
    return next((p for p in municipality_index() if p.id == municipality_id), None)


def distances_from(origin: Place, radius_km: float) -> dict[int, float]:
    """Municipality id → distance in km, for every municipality within the radius.

    A bounding box (degrees of latitude and longitude the radius can span) skips the far places
    before the exact distance is computed."""
    lat_span = radius_km / KM_PER_DEGREE_LAT
    lon_span = lat_span / max(math.cos(math.radians(abs(origin.lat) + lat_span)), 1e-6)
    result = {}
    for place in municipality_index():
        if abs(place.lat - origin.lat) > lat_span or abs(place.lon - origin.lon) > lon_span:
            continue
        km = haversine_km(origin.lat, origin.lon, place.lat, place.lon)
        if km <= radius_km:
            result[place.id] = km
    return result


def districts() -> list[District]:
    return list(District.objects.order_by("short_name"))
