"""CSRF is enforced on every URL that could take a POST: each pattern in the URLconf is sent a
POST without a token, and Django must refuse it before the view runs. A view exempted from CSRF
has to be listed here with its reason."""

import re

import pytest
from django.test import Client
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

from tests.security.crawl import crawl

pytestmark = pytest.mark.django_db

# path prefix -> why it may accept POST without a CSRF token (none so far).
EXEMPT = {}

SAMPLE_VALUES = {
    "int": "1",
    "slug": "beispiel",
    "str": "beispiel",
    "path": "beispiel/x",
    "uuid": "00000000-0000-0000-0000-000000000000",
}
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _route(pattern):
    text = str(pattern.pattern)
    if hasattr(pattern.pattern, "_route"):  # path(): fill each <converter:name> with a sample value
        return CONVERTER.sub(lambda m: SAMPLE_VALUES.get(m.group(1) or "str", "beispiel"), text)
    # re_path(): keep the literal parts of simple expressions; skip anything we cannot fill
    text = text.lstrip("^").rstrip("$").replace("\\Z", "").replace("\\", "")
    text = re.sub(r"\(\?P<\w+>[^)]*\)", "beispiel", text)
    return None if re.search(r"[()\[\]*+?|]", text) else text


def all_paths(patterns=None, prefix=""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            part = "" if pattern.pattern.__class__.__name__ == "LocalePrefixPattern" else _route(pattern)
            if part is not None:
                yield from all_paths(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            part = _route(pattern)
            if part is not None:
                yield "/" + prefix + part


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
    from sfi.testing import make_event

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
