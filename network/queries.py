"""Reusable reads for the public initiative pages (fixed query counts)."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import ngettext

from network.models import Initiative
from regions.maps import build_map
from regions.models import District


def public_initiative(slug):
    """An approved initiative with what its page shows, or 404."""
    return get_object_or_404(Initiative.objects.approved().for_cards(), slug=slug)


def list_link(district):
    return reverse("network:list") + f"?kreis={district.slug}"


@dataclass(frozen=True)
class PlaceCount:
    """Approved initiatives in one municipality: one map mark and one table row."""

    name: str
    district: District
    lat: float
    lon: float
    count: int

    @property
    def url(self):
        return reverse("network:list") + "?" + urlencode({"ort": self.name})

    @property
    def label(self):
        return ngettext("%(place)s: %(n)s Initiative", "%(place)s: %(n)s Initiativen", self.count) % {
            "place": self.name,
            "n": self.count,
        }


def initiatives_count(number, shown):
    """The map's count words: "1 Initiative", "2–4 Initiativen" (`shown` may be a range)."""
    return ngettext("%(shown)s Initiative", "%(shown)s Initiativen", number) % {"shown": shown}


def initiatives_map():
    """The district map shaded by approved initiatives, with one mark per municipality.

    Marks are aggregated per municipality (all initiatives of a place share its point),
    so the map stays readable and small with 1,000 initiatives: at most 419 marks.
    """
    districts = list(District.objects.order_by("short_name"))
    by_id = {d.id: d for d in districts}
    rows = (
        Initiative.objects.approved()
        .values("municipality__name", "municipality__lat", "municipality__lon", "municipality__district_id")
        .annotate(n=Count("id"))
        .order_by("municipality__name")
    )
    places = [
        PlaceCount(
            name=row["municipality__name"],
            district=by_id[row["municipality__district_id"]],
            lat=row["municipality__lat"],
            lon=row["municipality__lon"],
            count=row["n"],
        )
        for row in rows
    ]
    counts = {}
    for place in places:
        counts[place.district.id] = counts.get(place.district.id, 0) + place.count
    points = [(p.lat, p.lon, p.label, p.url) for p in places]
    context = build_map(districts, counts, list_link, points=points, count_label=initiatives_count)
    context["districts"] = [(d, counts.get(d.id, 0), list_link(d)) for d in districts]
    context["places"] = places
    context["total"] = sum(counts.values())
    return context


def review_queue(status):
    """Initiatives for the staff review page, newest first."""
    return Initiative.objects.filter(status=status).for_cards().order_by("-created_at", "-id")


def status_counts():
    rows = Initiative.objects.values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
