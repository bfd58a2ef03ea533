"""Paging for public lists: a bad `?seite=` shows the nearest page with a note, never an error."""

from django.core.paginator import Paginator
from django.utils.translation import gettext as _


def page_with_note(request, items, per_page):
    """The page `?seite=` asks for, and a note (or None) if the number had to be corrected."""
    paginator = Paginator(items, per_page)
    raw = request.GET.get("seite", "1")
    note = None
    try:
        number = int(raw)
    except ValueError:
        number, note = 1, _("Die Seitenzahl war ungültig; wir zeigen die erste Seite.")
    if number < 1 or number > paginator.num_pages:
        clamped = min(max(number, 1), paginator.num_pages)
        if note is None:
            note = _("Seite %(n)s gibt es nicht; wir zeigen Seite %(m)s.") % {"n": number, "m": clamped}
        number = clamped
    return paginator.page(number), note
