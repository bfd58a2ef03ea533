from django.core.exceptions import PermissionDenied

from events.permissions import visible_event_or_404


def event_for(request, pk, allowed):
    """The event if this account may see it (else 404) and do this (else 403)."""
    event = visible_event_or_404(request.user, pk)
    if not allowed(request.user, event):
        raise PermissionDenied
    return event


def query_string(request, *drop):
    params = request.GET.copy()
    for name in ("q", *drop):
        params.pop(name, None)
    return params.urlencode()


# Typed search text (names, e-mail addresses) never goes into a URL: URLs end up in access logs and
# browser history. The search form POSTs, the text is kept in the (server-side) session per page and
# event, and the view redirects to a URL without it.
SEARCH_MAX_LENGTH = 100


def _search_key(page, event):
    return f"participants.search.{page}.{event.pk}"


def remembered_search(request, page, event):
    return request.session.get(_search_key(page, event), "")


def remember_search(request, page, event, text):
    """Keep `text` as this page's search for the event; empty text forgets it."""
    text = " ".join((text or "").split())[:SEARCH_MAX_LENGTH]
    if text:
        request.session[_search_key(page, event)] = text
    else:
        request.session.pop(_search_key(page, event), None)
