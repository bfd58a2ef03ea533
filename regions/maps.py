"""The district map: an inline SVG built on the server from the GeoJSON outlines.

No tiles, no JavaScript. Paths are projected once per process; shading and links are
applied per request from numbers the caller passes in.
"""

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parent / "data" / "sachsen_kreise.geojson"
MAP_WIDTH = 600
MAP_PADDING = 8
# Sequential blues, light to dark; the text over them is never coloured by them.
SHADES = ["#eef3f9", "#c6d8ee", "#8fb3dc", "#4f86c2", "#1f5a9e"]


@dataclass(frozen=True)
class Projection:
    lon0: float
    lat0: float
    scale: float
    kx: float
    height: float

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.lon0) * self.kx * self.scale + MAP_PADDING
        y = (self.lat0 - lat) * self.scale + MAP_PADDING
        return round(x, 1), round(y, 1)


def _rings(geometry):
    if geometry["type"] == "Polygon":
        return geometry["coordinates"]
    return [ring for polygon in geometry["coordinates"] for ring in polygon]


@lru_cache(maxsize=1)
def _geometry():
    data = json.loads(GEOJSON_PATH.read_text(encoding="utf-8"))
    features = data["features"]
    points = [pt for f in features for ring in _rings(f["geometry"]) for pt in ring]
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(mid_lat))
    scale = (MAP_WIDTH - 2 * MAP_PADDING) / ((max(lons) - min(lons)) * kx)
    height = (max(lats) - min(lats)) * scale + 2 * MAP_PADDING
    projection = Projection(min(lons), max(lats), scale, kx, round(height))
    paths = {}
    for feature in features:
        parts = []
        for ring in _rings(feature["geometry"]):
            coords = [projection(lon, lat) for lon, lat in ring]
            parts.append("M" + "L".join(f"{x},{y}" for x, y in coords) + "Z")
        paths[feature["properties"]["ars"]] = "".join(parts)
    return projection, paths


def shade_for(value: int, maximum: int) -> str:
    if maximum <= 0 or value <= 0:
        return SHADES[0]
    step = math.ceil(value / maximum * (len(SHADES) - 1))
    return SHADES[min(step, len(SHADES) - 1)]


def _ranges(maximum: int) -> list[tuple[str, str, int]]:
    """(colour, range text, upper bound) per shade, matching shade_for."""
    if maximum <= 0:
        return [(SHADES[0], "0", 0)]
    steps = len(SHADES) - 1
    items = [(SHADES[0], "0", 0)]
    lower = 1
    for i in range(1, steps + 1):
        upper = math.floor(maximum * i / steps)
        if upper < lower:
            continue
        items.append((SHADES[i], str(lower) if lower == upper else f"{lower}–{upper}", upper))
        lower = upper + 1
    return items


def legend(maximum: int, count_label=None) -> list[tuple[str, str]]:
    """(colour, label) pairs matching shade_for; `count_label(number, text)` adds the unit in the
    plural form the number needs ("1 Angebot", "2–3 Angebote"), else the label is the range alone."""
    return [(colour, count_label(upper, text) if count_label else text) for colour, text, upper in _ranges(maximum)]


@dataclass
class MapArea:
    ars: str
    name: str
    path: str
    fill: str
    value: int
    url: str
    current: bool
    label: str = ""


@dataclass
class MapPoint:
    x: float
    y: float
    label: str
    url: str = ""


def build_map(districts, values, url_for, *, current_ars="", points=(), count_label=None):
    """Context for regions/district_map.html.

    `districts` are District objects, `values` maps district id → number,
    `url_for(district)` gives each area's link, `points` are (lat, lon, label, url) tuples,
    `count_label(number, text)` words a number with its unit in the right plural form, e.g.
    `ngettext("%(shown)s Angebot", "%(shown)s Angebote", number) % {"shown": text}`.
    """
    projection, paths = _geometry()
    maximum = max(values.values(), default=0)
    areas = [
        MapArea(
            ars=d.ars,
            name=d.short_name,
            path=paths[d.ars],
            fill=shade_for(values.get(d.id, 0), maximum),
            value=values.get(d.id, 0),
            url=url_for(d) if url_for else "",
            current=d.ars == current_ars,
            label=count_label(values.get(d.id, 0), str(values.get(d.id, 0))) if count_label else "",
        )
        for d in districts
        if d.ars in paths
    ]
    marks = [MapPoint(*projection(lon, lat), label=label, url=url) for lat, lon, label, url in points]
    return {
        "width": MAP_WIDTH,
        "height": projection.height,
        "areas": areas,
        "points": marks,
        "legend": legend(maximum, count_label),
        "maximum": maximum,
    }
