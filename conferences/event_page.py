"""What conferences adds to an event's public page (answer to the hook `event_page_box`)."""

from django.template.loader import render_to_string

from conferences.queries import published_conference


def box(*, event):
    """A link to the published programme; nothing for an event without one."""
    conference = published_conference(event)
    if conference is None:
        return ""
    return render_to_string("conferences/_event_box.html", {"event": event})
