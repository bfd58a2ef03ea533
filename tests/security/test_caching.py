"""Pages with personal data tell browsers and proxies not to keep a copy (`Cache-Control: no-store`).

Every URL pattern is requested by a logged-in admin (the back office, the privacy tool, the audit
log, the account and admin pages, and anything added later), and every personal-link pattern
anonymously, with real ids and a real token: each answer must say `no-store`."""

import re

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.models import Session
from events.testing import make_venue
from registrations.testing import make_participant
from registrations.tokens import personal_token
from tests.security.helpers import make_user, verified_client

pytestmark = pytest.mark.django_db

CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def patterns(resolvers=None, prefix=""):
    """Every path() route in the URLconf (re_path() routes are Django admin internals we skip)."""
    for entry in resolvers if resolvers is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            part = "" if entry.pattern.__class__.__name__ == "LocalePrefixPattern" else str(entry.pattern)
            if not part.startswith("^"):
                yield from patterns(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern) and hasattr(entry.pattern, "_route"):
            yield prefix + str(entry.pattern)


def filled(route, values):
    path = "/" + CONVERTER.sub(lambda m: str(values.get(m.group(2), "1")), route)
    try:
        resolve(path)
    except Resolver404:
        return None  # e.g. a uuid pattern: nothing to fill it with
    return path


def no_store(response):
    return "no-store" in [part.strip() for part in response.get("Cache-Control", "").split(",")]


@pytest.fixture
def data():
    booking = make_participant(make_event_with_session(), name="Anna Privat", email="anna.privat@example.org")
    event = booking.event
    return {
        "pk": event.pk,
        "slug": event.slug,
        "session_pk": event.sessions.first().pk,
        "venue_pk": event.venue_id,
        "booking_pk": booking.pk,
        "booking_id": booking.pk,
        "token": personal_token(booking.registration),
        "version": 1,
    }


def make_event_with_session():
    from events.testing import make_event

    event = make_event(title="Schulung mit Teilnahmeliste", venue=make_venue())
    Session.objects.create(event=event, title="Tag 1", start=event.start, end=event.end)
    return event


def test_every_page_a_logged_in_account_gets_is_not_stored(data):
    admin = make_user("admin")
    client = verified_client(admin)
    # The admin's one `<int:pk>` route (django-otp's QR page) needs a device; ours take the event.
    device = {**data, "pk": TOTPDevice.objects.get(user=admin).pk}
    routes = patterns()
    paths = sorted({p for p in (filled(r, device if r.startswith("admin/") else data) for r in routes) if p})
    shown = {}
    for path in paths:
        response = client.get(path)
        assert no_store(response), f"{path} ({response.status_code}): Cache-Control {response.get('Cache-Control')!r}"
        shown[path] = response.status_code
    pk = data["pk"]
    must_show = [
        "/team/",  # dashboard
        f"/team/veranstaltungen/{pk}/teilnehmende/",
        f"/team/veranstaltungen/{pk}/einlass/",
        "/team/protokoll/",
        "/team/datenschutz/anfragen/",
        "/konto/",
        "/admin/",
    ]
    assert {path: shown.get(path) for path in must_show} == dict.fromkeys(must_show, 200)
    assert sum(1 for path in paths if path.startswith("/team/")) > 15


def test_every_personal_link_page_is_not_stored(data):
    personal = [p for p in (filled(r, data) for r in patterns() if "<str:token>" in r or "<token>" in r) if p]
    assert len(personal) >= 8
    for path in personal:
        response = Client().get(path)
        assert no_store(response), f"{path} ({response.status_code}): Cache-Control {response.get('Cache-Control')!r}"
    token = data["token"]
    for path in (f"/anmeldung/{token}/", f"/datenschutz/meine-daten/{token}/"):
        page = Client().get(path)
        assert page.status_code == 200 and "Anna Privat" in page.content.decode()


def test_public_pages_for_anonymous_visitors_are_not_marked(data):
    """The rule is about personal data, not every page: the catalogue and event page stay as they were."""
    for path in ("/veranstaltungen/", f"/veranstaltungen/{data['slug']}/"):
        response = Client().get(path)
        assert response.status_code == 200 and not no_store(response), path
