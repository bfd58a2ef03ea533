"""What the knowledge base adds to an event's public page (answer to the events hook `event_page_related`)."""

from django.template.loader import render_to_string

from knowledge.queries import articles_for_event


def related(*, event):
    """Published articles on the event's topics: one query (the topics are prefetched by the page)."""
    articles = articles_for_event(event)
    if not articles:
        return ""
    return render_to_string("knowledge/_event_articles.html", {"articles": articles})
