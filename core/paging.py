"""Paging for public lists: a bad `?seite=` shows the nearest page with a note, never an error."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _


def page_note(raw, shown):
    """The note for a list that shows page `shown` when `?seite=` said `raw` (None when they agree)."""
    if raw in (None, ""):
        return None
    try:
        asked = int(raw)
    except ValueError:
        return _("Die Seitenzahl war ungültig; wir zeigen die erste Seite.")
    if asked != shown:
        return _("Seite %(n)s gibt es nicht; wir zeigen Seite %(m)s.") % {"n": asked, "m": shown}
    return None


def clamped_page_number(raw, num_pages=None):
    """`?seite=` as a page that exists: 1 for anything unreadable, at most `num_pages`."""
    try:
        number = max(int(raw), 1)
    except (TypeError, ValueError):
        return 1
    return min(number, num_pages) if num_pages else number


def page_with_note(request, items, per_page):
    """The page `?seite=` asks for, and a note (or None) if the number had to be corrected."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get("seite")
    page = paginator.page(clamped_page_number(raw, paginator.num_pages))
    return page, page_note(raw, page.number)
