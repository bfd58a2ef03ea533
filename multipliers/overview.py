"""The district map and its table on the public search, rendered once per set of numbers.

The outlines, the legend and the table only change when the numbers do, so the HTML is kept per
process for each (language, districts, numbers); a withdrawn listing changes the numbers and
therefore the HTML at once."""

from collections import namedtuple
from functools import lru_cache

from django.template.loader import render_to_string
from django.utils.translation import get_language, ngettext

from regions.maps import build_map
from regions.queries import districts

Area = namedtuple("Area", "id ars short_name")


def district_overview(counts):
    """HTML of the map and the table for {district id: listed multipliers}."""
    areas = tuple(Area(d.id, d.ars, d.short_name) for d in districts())
    return _rendered(get_language(), areas, tuple(sorted(counts.items())))


@lru_cache(maxsize=64)
def _rendered(language, areas, counts):
    values = dict(counts)
    context = {
        "map": build_map(areas, values, None, count_label=_multipliers_count),
        "district_rows": [(area, values.get(area.id, 0)) for area in areas],
    }
    return render_to_string("multipliers/_district_overview.html", context)


def _multipliers_count(number, text):
    return ngettext("%(shown)s Multiplikator_in", "%(shown)s Multiplikator_innen", number) % {"shown": text}
