"""CSRF is enforced on every URL that could take a POST: each pattern in the URLconf is sent a
POST without a token, and Django must refuse it before the view runs. A view exempted from CSRF
has to be listed here with its reason."""

import re

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from tests.security.crawl import all_paths, crawl

pytestmark = pytest.mark.django_db

# path prefix -> why it may accept POST without a CSRF token.
_ONE_CLICK = (
    "one-click unsubscribe (RFC 8058): mail clients POST without a form or cookies; the signed token in "
    "the URL authorises, and the only effect is that this one alert or subscription stops"
)
EXEMPT = {
    "/suche-biete/benachrichtigung/abbestellen/": _ONE_CLICK,
    "/en/suche-biete/benachrichtigung/abbestellen/": _ONE_CLICK,
    "/newsletter/abmelden/": _ONE_CLICK,
    "/en/newsletter/abmelden/": _ONE_CLICK,
    # The REST API knows no session: its writes need a bearer token in the Authorization header,
    # which a cross-site form cannot send (api/tests/test_tokens.py refuses a request without one).
    "/api/v1/": "token-authenticated REST API, no cookies",
}


def test_every_url_refuses_a_post_without_csrf_token():
    client = Client(enforce_csrf_checks=True)
    checked, unresolved = 0, []
    for path in sorted(set(all_paths())):
        try:
            resolve(path)
        except Resolver404:
            unresolved.append(path)  # a sample value the converter refuses: nothing to post to
            continue
        if any(path.startswith(prefix) for prefix in EXEMPT):
            continue
        response = client.post(path, {"email": "angriff@example.org", "name": "Angriff"})
        assert response.status_code == 403, f"{path} accepted a POST without CSRF token ({response.status_code})"
        assert b"CSRF" in response.content or b"Verboten" in response.content or response.status_code == 403
        checked += 1
    assert checked > 40  # the URLconf really was walked
    assert unresolved == []


def test_every_post_form_on_reachable_pages_carries_a_csrf_token():
    from events.testing import make_event

    make_event(title="Schulung mit Formular")
    forms_seen = 0
    for path, response, page in crawl(Client(), ["/", "/veranstaltungen/", "/konto/anmelden/"], limit=60):
        if page is None:
            continue
        html = response.content.decode()
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, re.S | re.I):
            if re.search(r'method="post"', form, re.I):
                forms_seen += 1
                assert "csrfmiddlewaretoken" in form, f"{path}: POST form without CSRF token"
    assert forms_seen >= 2
