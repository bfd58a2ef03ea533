"""Hardening: every page (public, staff, Django admin, error pages) sends the strict headers and
contains no inline script, event-handler or style attribute that the CSP would have to allow."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client, override_settings

from core.middleware import CONTENT_SECURITY_POLICY
from events.testing import make_event
from tests.security.crawl import crawl, parse
from tests.security.helpers import staff_client

pytestmark = pytest.mark.django_db


def assert_strict_headers(path, response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["script-src"] == "'self'", path
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, path
    assert directives["frame-ancestors"] == "'none'", path
    assert directives["object-src"] == "'none'", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer", "strict-origin"}, path
    assert response["X-Frame-Options"] == "DENY", path
    assert "camera=()" in response["Permissions-Policy"], path


def assert_no_inline_code(path, page):
    assert page.inline_scripts == [], f"{path}: inline <script> {page.inline_scripts}"
    assert page.handler_attrs == [], f"{path}: event-handler attributes {page.handler_attrs}"
    assert page.style_attrs == [], f"{path}: style attributes {page.style_attrs}"


def test_every_public_page_reached_by_links_is_strict():
    make_event(title="Schulung in Pirna", place="Pirna")
    make_event(title="Fachtag Leipzig", place="Leipzig", days_ahead=-30)
    pages = list(crawl(Client(), ["/", "/en/", "/datenschutz/", "/quellen/"]))
    assert len(pages) > 10
    for path, response, page in pages:
        assert response.status_code in {200, 301, 302}, path
        assert_strict_headers(path, response)
        if page is not None:
            assert_no_inline_code(path, page)


def test_staff_pages_and_django_admin_are_strict():
    client = staff_client()
    starts = ["/admin/", "/admin/login/", "/team/datenschutz/verzeichnis/"]
    starts += [p for p in ("/team/", "/team/datenschutz/anfragen/") if Client().get(p).status_code != 404]
    pages = [(p, r, pg) for p, r, pg in crawl(client, starts, limit=80) if not p.startswith("/admin/logout")]
    assert any(path.startswith("/admin/") for path, _, _ in pages)
    for path, response, page in pages:
        assert_strict_headers(path, response)
        if page is not None and not path.startswith("/admin/"):
            assert_no_inline_code(path, page)
        if page is not None and path.startswith("/admin/"):
            # Django's admin ships no inline scripts; a few style attributes only cost looks under our CSP.
            assert page.inline_scripts == [] and page.handler_attrs == [], path


@override_settings(DEBUG=False)
def test_404_page_is_ours_strict_and_shows_nothing_of_the_request():
    response = Client().get("/veranstaltungen/anna.schmidt@example.org-gibt-es-nicht/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "Seite nicht gefunden" in body
    assert "anna.schmidt" not in body and "Traceback" not in body and "urlpatterns" not in body
    assert_strict_headers("404", response)
    assert_no_inline_code("404", parse(body))


@override_settings(DEBUG=False, ROOT_URLCONF="tests.security.urls_boom")
def test_500_page_shows_no_stack_trace_or_exception_text():
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Da ist etwas schiefgegangen" in body
    for leak in ["Traceback", "RuntimeError", "anna.schmidt@example.org", "SECRET_KEY", "settings.py"]:
        assert leak not in body
    assert_strict_headers("500", response)
    assert_no_inline_code("500", parse(body))


def test_security_txt_follows_rfc_9116():
    response = Client().get("/.well-known/security.txt", secure=True)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = {}
    for line in response.content.decode().splitlines():
        name, _, value = line.partition(": ")
        fields.setdefault(name, []).append(value)
    assert fields["Contact"][0].startswith(("mailto:", "https://"))
    assert len(fields["Expires"]) == 1  # exactly once (RFC 9116, 2.5.5)
    expires = datetime.fromisoformat(fields["Expires"][0].replace("Z", "+00:00"))
    now = datetime.now(UTC)
    assert now < expires < now + timedelta(days=366)  # in the future, less than a year ahead
    assert fields["Canonical"] == ["https://testserver/.well-known/security.txt"]
    assert re.fullmatch(r"[a-z]{2}(, [a-z]{2})*", fields["Preferred-Languages"][0])


def test_csp_has_no_unsafe_sources_and_blocks_framing():
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "http:" not in CONTENT_SECURITY_POLICY and "*" not in CONTENT_SECURITY_POLICY
