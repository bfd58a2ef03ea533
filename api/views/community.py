"""Public operations for people and posts: listed multipliers and the board (Suche/Biete).

Only what the public pages show: no address, no e-mail; people are written to through the forms
on the pages the `url` fields point at. Both lists filter like their pages and use the same reads.
"""

from typing import Annotated
from uuid import UUID

from django.http import Http404
from ninja import Path, Query, Router

from api import schemas
from api.views.common import (
    PROBLEMS,
    Window,
    distances_near,
    no_parameters,
    paged,
    public_json,
    reject_unknown,
    slug_filter,
)
from board.filters import DEFAULT_RADIUS as BOARD_RADIUS
from board.filters import BoardQuery
from board.queries import public_post, public_posts
from events.models import Language, Topic
from multipliers import queries as multiplier_queries
from multipliers.filters import DEFAULT_RADIUS as MULTIPLIER_RADIUS
from regions.models import District

community = Router(tags=["public"])


def multiplier_data(request, profile):
    municipality = profile.municipality
    return {
        "uuid": str(profile.uuid),
        "url": request.build_absolute_uri(profile.get_absolute_url()),
        "display_name": profile.display_name,
        "municipality": municipality.name,
        "municipality_ars": municipality.ars,
        "district": municipality.district.slug,
        "topics": [topic.slug for topic in profile.topics.all()],
        "languages": [language.code for language in profile.languages.all()],
        "how_i_help": profile.how_i_help,
        "availability": profile.availability,
        "distance_km": getattr(profile, "distance_km", None),
    }


@community.get(
    "/multipliers", response={200: schemas.MultiplierPage, **PROBLEMS}, summary="Listed multipliers (opt-in)"
)
def multiplier_list(request, params: Query[schemas.MultiplierParams]):
    """Certified multipliers who chose to be listed, nearest first with `near`, else by name.
    Not cached by shared caches: a withdrawn listing is gone from the next answer."""
    reject_unknown(request, params)
    topic = slug_filter("topic", params.topic, Topic.objects.filter(archived=False))
    language = slug_filter("language", params.language, Language.objects.filter(archived=False), field="code")
    distances = distances_near(params, default_radius=MULTIPLIER_RADIUS)
    profiles = multiplier_queries.search(
        municipality_ids=list(distances) if distances is not None else None, topic=topic, language=language
    )
    rows = multiplier_queries.ordered_ids(profiles, distances)
    cards = Window(lambda window: multiplier_queries.profiles(rows[window]))  # three queries for the page
    data = paged(request, params, cards, len(rows), lambda profile: multiplier_data(request, profile))
    return public_json(request, schemas.MultiplierPage, data, shared_cache=False)


@community.get("/multipliers/{uuid}", response={200: schemas.Multiplier, **PROBLEMS}, summary="One listed multiplier")
def multiplier_detail(request, uuid: UUID):
    """404 for a profile that is not (or no longer) listed."""
    no_parameters(request)
    profile = multiplier_queries.listed_profile(uuid)
    if profile is None:
        raise Http404
    return public_json(request, schemas.Multiplier, multiplier_data(request, profile), shared_cache=False)


def post_data(request, post):
    municipality = post.municipality
    return {
        "id": post.pk,
        "url": request.build_absolute_uri(post.get_absolute_url()),
        "kind": post.kind,
        "category": post.category,
        "title": post.title,
        "text": post.text,
        "municipality": municipality.name,
        "municipality_ars": municipality.ars,
        "district": municipality.district.slug,
        "poster": post.poster,
        "author": post.author_label,
        "initiative": post.initiative.slug if post.poster == "initiative" and post.initiative_id else None,
        "published_at": post.published_at,
        "valid_until": post.valid_until,
    }


@community.get("/board/posts", response={200: schemas.BoardPostPage, **PROBLEMS}, summary="Board posts (Suche/Biete)")
def post_list(request, params: Query[schemas.BoardPostParams]):
    """Approved posts that have not expired, newest first, with the board page's filters."""
    reject_unknown(request, params)
    values = {"art": params.kind, "kategorie": params.category, "q": (params.q or "").strip()}
    values["kreis"] = slug_filter("district", params.district, District.objects.all())
    query = BoardQuery(form=None, values={name: value for name, value in values.items() if value})
    query.distances = distances_near(params, default_radius=BOARD_RADIUS)
    posts = query.filter(public_posts())
    data = paged(request, params, posts, posts.count(), lambda post: post_data(request, post))
    return public_json(request, schemas.BoardPostPage, data)


PostId = Annotated[int, Path(ge=1, le=2_147_483_647, description="The post's id")]


@community.get("/board/posts/{pk}", response={200: schemas.BoardPost, **PROBLEMS}, summary="One board post")
def post_detail(request, pk: PostId):
    """404 for a post that is not (or no longer) public."""
    no_parameters(request)
    return public_json(request, schemas.BoardPost, post_data(request, public_post(pk)))
