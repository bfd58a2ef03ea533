"""Answer to the events' hook `event_page_box`: on a training's page, the way to ask for one on site."""

from django.template.loader import render_to_string

from events.models import Event


def box(*, event):
    if event.kind != Event.Kind.TRAINING:
        return ""
    return render_to_string("training_requests/_event_box.html", {"event": event})
