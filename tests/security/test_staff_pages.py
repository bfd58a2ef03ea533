"""Every staff page, walked as every persona: one rule for who gets in, the same in every app.

The staff pages are found in the URLconf: every view protected by
`accounts.decorators.role_required` (and every pattern under a staff path must be). Each is
requested as each persona of the shared set (`accounts.testing`), as superusers whose role field
names another role, and as staff whose login stopped before the second factor. Every request runs
in a transaction that is rolled back, so each persona meets the same rows.
"""

from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import User
from accounts.testing import log_in, make_user, persona_names
from api.testing import make_token
from board.testing import make_post
from directory.testing import make_agency
from events.models import Material, Session
from events.testing import make_event, make_topic, make_venue
from knowledge.testing import make_article, make_download
from network.testing import make_initiative
from participants.models import Mailing
from participants.services import check_in
from registrations.testing import make_participant
from training_requests.testing import make_request
from webhooks.testing import make_subscription

pytestmark = pytest.mark.django_db

# Every staff page lives under /team/ (each app's staff_urls.py, mounted by the back office).
STAFF_PREFIXES = ("team/",)
LOGIN = "/konto/anmelden/"


@dataclass(frozen=True)
class StaffPage:
    route: str
    name: str
    view: object
    params: tuple


def url_patterns(patterns=None, route="", namespace=None):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            part = "" if type(pattern.pattern).__name__ == "LocalePrefixPattern" else str(pattern.pattern)
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, route + part, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield route + str(pattern.pattern), name, pattern.callback, pattern.pattern.converters


def staff_pages():
    pages = [
        StaffPage(route, name, view, tuple(converters))
        for route, name, view, converters in url_patterns()
        if route.startswith(STAFF_PREFIXES) or hasattr(view, "required_role")
    ]
    assert len(pages) > 40  # the URLconf really was walked
    return pages


def test_every_staff_page_is_protected_by_role_required():
    unprotected = [page.route for page in staff_pages() if not hasattr(page.view, "required_role")]
    assert unprotected == []


@pytest.fixture
def world(settings, tmp_path, team, trainer_a, trainer_b, partner_with_names, partner_without_names):
    """A past event given by trainer_a and co-hosted by partner_without_names, with people, a
    session, a material and a mailing; another event whose co-host partner_with_names may see names."""
    settings.MEDIA_ROOT = tmp_path
    event = make_event(
        title="Schulung Pirna", days_ahead=-1, hours=5, partners=[partner_without_names.partner_organisation]
    )
    event.trainers.add(trainer_a)
    named = make_event(
        title="Tagung Görlitz",
        place="Görlitz",
        partners=[partner_with_names.partner_organisation],
        partners_may_see_names=True,
    )
    named.trainers.add(trainer_b)
    booking = make_participant(event, name="Erika Muster")
    check_in(actor=team, booking=booking)  # so her certificate can be printed
    material = Material(event=event, title="Folien")
    material.file.save("folien.pdf", SimpleUploadedFile("folien.pdf", b"%PDF-1.4\n%%EOF\n"), save=True)
    objects = {
        "event": event,
        "booking_pk": booking.pk,
        "registration_pk": booking.registration_id,
        "session_pk": Session.objects.create(event=event, title="Tag 1", start=event.start, end=event.end).pk,
        "material_pk": material.pk,
        "venue_pk": make_venue("Bautzen").pk,
        "kind": "themen",
        "item_pk": make_topic().pk,
        "token": "kein-gueltiger-token",  # conferences: the check-in a badge's QR code opens
        "receipt_pk": 1,  # conferences: a travel-cost receipt
        "batch_pk": 1,  # conferences: a SEPA file of travel-cost payments
        "mailing_pk": Mailing.objects.create(event=event, kind="message", audience="participants", created_by=team).pk,
        "initiative": make_initiative(status="proposed"),
        "post": make_post(status="pending"),
        "service_pk": (service := make_agency()).pk,
        "organization_pk": service.organization_id,
        "account_pk": make_user("trainer").pk,  # the accounts page's own pages
        "article_pk": (article := make_article()).pk,
        "download_pk": make_download(article).pk,
        "number": 1,  # the article's first revision
        "request_pk": make_request(state="discussion").pk,
        "token_pk": make_token(make_user("team"))[0].pk,  # someone else's: 404 for every persona
        "subscription_pk": make_subscription(make_user("team")).pk,
    }
    return objects


def path_of(page, world):
    values = {}
    for param in page.params:
        if param == "pk":
            owner = {"network_staff": "initiative", "board_staff": "post"}.get(page.name.split(":")[0], "event")
            values["pk"] = world[owner].pk
        else:
            values[param] = world[param]
    return reverse(page.name, kwargs=values)


def outcome(client, path):
    """What the page answers (GET, or an empty POST where only POST is allowed), changing nothing."""
    with transaction.atomic():
        response = client.get(path)
        if response.status_code == 405:
            response = client.post(path, {})
        transaction.set_rollback(True)
    if response.status_code == 302 and response["Location"].startswith(LOGIN):
        return "login"
    return response.status_code


def walk(world, user, *, second_factor=True):
    """{route: outcome} for every staff page, logged in as `user` (fresh for each page: a page
    that ends an incomplete login must not decide what the next page sees)."""
    client, got = Client(), {}
    for page in staff_pages():
        if second_factor:
            log_in(client, user)
        else:
            client.force_login(user)
        got[page.route] = outcome(client, path_of(page, world))
    return got


@pytest.mark.parametrize("role", [User.Role.TRAINER, User.Role.PARTNER, User.Role.MULTIPLIER, User.Role.TEAM])
def test_a_superuser_gets_what_an_admin_gets_on_every_staff_page_whatever_its_role(world, admin, role):
    as_admin = walk(world, admin)
    superuser = make_user(role, is_superuser=True, is_staff=True)
    assert walk(world, superuser) == as_admin
    assert not {403, "login"} & set(as_admin.values()), as_admin  # the admin is refused nowhere


@pytest.mark.parametrize("persona", persona_names)
def test_every_persona_gets_the_login_page_or_a_clear_answer_on_every_staff_page(world, persona, request):
    got = walk(world, request.getfixturevalue(persona))
    if persona == "anonymous":
        assert set(got.values()) == {"login"}
    elif persona == "multiplier":
        assert set(got.values()) == {403}  # no staff page at all
    else:
        assert "login" not in got.values() and 500 not in got.values(), got


@pytest.mark.parametrize("persona", ["admin", "team", "trainer_a", "partner_with_names", "superuser"])
def test_every_staff_page_needs_the_second_factor(world, persona, request):
    """Network and privacy pages as much as the back office: a login without the code gets the login page."""
    user = make_user("trainer", is_superuser=True) if persona == "superuser" else request.getfixturevalue(persona)
    got = walk(world, user, second_factor=False)
    assert set(got.values()) == {"login"}, {route: answer for route, answer in got.items() if answer != "login"}
