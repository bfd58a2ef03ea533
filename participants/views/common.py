from django.core.exceptions import PermissionDenied

from backoffice.permissions import visible_event_or_404


def event_for(request, pk, allowed):
    """The event if this account may see it (else 404) and do this (else 403)."""
    event = visible_event_or_404(request.user, pk)
    if not allowed(request.user, event):
        raise PermissionDenied
    return event


def query_string(request, *drop):
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    return params.urlencode()
