"""Reusable reads for the public catalogue."""

from django.db.models import Count, Min
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import ngettext

from events.models import Event
from regions.maps import build_map
from regions.models import District


def public_event(slug):
    """An event the public may see, with everything its page shows, or 404."""
    queryset = (
        Event.objects.public()
        .select_related("venue__municipality__district", "contact", "course")
        .prefetch_related("topics", "target_groups", "languages", "partners", "agenda", "materials", "modules")
    )
    return get_object_or_404(queryset, slug=slug)


def upcoming_counts_by_district():
    rows = (
        Event.objects.listed()
        .upcoming()
        .exclude(status=Event.Status.CANCELLED)
        .values("venue__municipality__district")
        .annotate(n=Count("id"))
    )
    return {row["venue__municipality__district"]: row["n"] for row in rows}


def catalogue_link(district):
    return reverse("events:catalogue") + f"?kreis={district.slug}"


def offers_count(number, shown):
    """The map's count words: "1 Angebot", "2–4 Angebote" (`shown` may be a range)."""
    return ngettext("%(shown)s Angebot", "%(shown)s Angebote", number) % {"shown": shown}


def offers_map(*, current_ars="", points=()):
    """The district map shaded by upcoming offers, each district linking to the filtered catalogue."""
    districts = list(District.objects.order_by("short_name"))
    counts = upcoming_counts_by_district()
    context = build_map(
        districts, counts, catalogue_link, current_ars=current_ars, points=points, count_label=offers_count
    )
    context["districts"] = [(d, counts.get(d.id, 0), catalogue_link(d)) for d in districts]
    return context


def next_time_change(*, now):
    """Answer to `public_pages_next_change`: the next start, end or registration deadline after now
    (an offer leaves the upcoming list, its registration closes): three index-backed MIN reads."""
    public = Event.objects.public()
    moments = [
        public.filter(**{f"{field}__gt": now}).aggregate(moment=Min(field))["moment"]
        for field in ("start", "end", "registration_deadline")
    ]
    moments = [moment for moment in moments if moment]
    return min(moments) if moments else None
