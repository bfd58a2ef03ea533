"""Permanent redirects for pages that moved (old links and bookmarks keep working)."""

from django.views.generic import RedirectView


class _KeepMethod(RedirectView):
    """308: a form posted to the old address is posted again to the new one."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response.status_code = 308
        return response


def moved(pattern_name, *, keep_method=False):
    """A view answering the old path with a permanent redirect to URL `pattern_name` (same arguments)."""
    view = _KeepMethod if keep_method else RedirectView
    return view.as_view(pattern_name=pattern_name, permanent=True, query_string=True)
