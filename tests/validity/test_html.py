"""Every page is valid HTML by the Nu Html Checker (the W3C validator's engine), with zero errors:
the sitemap, every public page and form (empty, after a failed submit, with invalid filter values),
German and English, and the back office as an admin sees it.

Rendering happens once for the module on the demo data; all pages are checked in one Java run
(the checker takes seconds to start), and each test then reports its group's messages.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client

from accounts.testing import login_with_second_factor
from tests import site_pages
from tests.validity import vnu

# The mark makes pytest-django create the test database that the module fixture fills.
pytestmark = [pytest.mark.django_db, pytest.mark.whole_site]


# Attributes that name other elements by id. The checker does not report a dangling one, but a
# screen reader then reads nothing (Django's "<id>_helptext" against our old "<id>_hint").
IDREF_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "for", "list", "form", "headers")


class IdReferences(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.references = set(), []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.add(value)
            elif name in IDREF_ATTRIBUTES and tag != "output":
                self.references += [(tag, name, ref) for ref in (value or "").split()]
            elif name == "href" and (value or "").startswith("#"):
                self.references.append((tag, name, value[1:]))  # an in-page link (error summary, skip link)


def dangling_references(html):
    parser = IdReferences()
    parser.feed(html)
    return [
        f"<{tag} {name}=“{ref}”> points to no element with that id"
        for tag, name, ref in parser.references
        if ref not in parser.ids
    ]


@dataclass
class Rendered:
    group: str
    what: str  # "GET /path" or "POST /path"
    status: int
    html: str
    errors: list


def _render(client, method, path, data=None):
    for cache in caches.all():
        cache.clear()  # rate limits must not turn a junk submit into another page
    if method == "POST":
        return client.post(path, data or {})
    return client.get(path)


@pytest.fixture(scope="module")
def checked(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    pages = []
    with django_db_blocker.unblock(), transaction.atomic():
        site = site_pages.seed_site()
        public = Client()
        work = [("sitemap", public, "GET", path, None) for path in site_pages.sitemap_paths(public)]
        work += [("public", public, "GET", path, None) for path in site_pages.public_paths(site)]
        work += [("filters", public, "GET", path, None) for path in site_pages.filter_paths()]
        work += [("failed", Client(), "POST", path, data) for path, data in site_pages.failed_submits(site)]
        staff = Client()
        login_with_second_factor(staff, site.staff)
        work += [("back office", staff, "GET", path, None) for path in site_pages.back_office_paths(site)]
        work += [
            ("back office failed", staff, "POST", path, data)
            for path, data in site_pages.back_office_failed_submits(site)
        ]
        for n, (group, client, method, path, data) in enumerate(work):
            response = _render(client, method, path, data)
            html = response.content.decode() if response.get("Content-Type", "").startswith("text/html") else ""
            (folder / f"{n:04d}.html").write_text(html, encoding="utf-8")
            pages.append(Rendered(group, f"{method} {path}", response.status_code, html, dangling_references(html)))
        transaction.set_rollback(True)
    for name, errors in vnu.check_folder(folder).items():
        pages[int(name.removesuffix(".html"))].errors += errors
    return pages


def _assert_valid(pages):
    assert pages
    broken = [f"{p.what}\n    " + "\n    ".join(p.errors) for p in pages if p.errors]
    if broken:
        pytest.fail(f"{len(broken)} of {len(pages)} pages are not valid HTML:\n" + "\n".join(broken), pytrace=False)


def _group(checked, group):
    return [p for p in checked if p.group == group]


def test_every_sitemap_page_is_valid_in_german_and_english(checked):
    pages = _group(checked, "sitemap")
    assert len(pages) > 100 and any(p.what.startswith("GET /en/veranstaltungen/") for p in pages)
    assert all(p.status == 200 and "</html>" in p.html for p in pages), [p.what for p in pages if p.status != 200]
    _assert_valid(pages)


def test_public_pages_and_empty_forms_are_valid(checked):
    pages = _group(checked, "public")
    expected = {p.what: (404 if "gibt-es-nicht" in p.what else 200) for p in pages}
    assert {p.what: p.status for p in pages} == expected
    assert sum('method="post"' in p.html for p in pages) >= 20
    _assert_valid(pages)


def test_lists_with_invalid_filter_values_are_valid(checked):
    pages = _group(checked, "filters")
    assert all(p.status == 200 for p in pages)
    noted = [p for p in pages if "ungültigen Wert" in p.html or "invalid value" in p.html]
    assert len(noted) >= 6  # the invalid values were really read and noted, not ignored
    _assert_valid(pages)


@pytest.mark.parametrize("group", ["failed", "back office failed"])
def test_forms_after_a_failed_submit_are_valid(checked, group):
    pages = _group(checked, group)
    without_errors = [p.what for p in pages if p.status >= 300 or "error-summary" not in p.html]
    assert not without_errors, f"these junk submits did not come back with an error summary: {without_errors}"
    _assert_valid(pages)


def test_back_office_pages_are_valid(checked):
    pages = _group(checked, "back office")
    assert all(p.status == 200 for p in pages), [(p.what, p.status) for p in pages if p.status != 200]
    _assert_valid(pages)
