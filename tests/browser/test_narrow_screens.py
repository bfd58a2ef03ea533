"""Nothing scrolls sideways on a 320 px phone (UI.md): every sitemap page, every public form (empty
and after a failed submit), the filtered lists, and the back office of a logged-in team member.

The pages come from tests/site_pages.py on the demo data, the same list the HTML validity test
checks. The real Content-Security-Policy stays on: these pages need nothing injected.
"""

import pytest
from django.test import Client

from tests import site_pages
from tests.browser.login import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.whole_site,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTH = 320

# Where the page got too wide: the innermost elements that stick out or whose content overflows.
OVERFLOW = """width => {
  const page = document.documentElement.scrollWidth;
  if (page <= width) return null;
  // What sits inside a box that scrolls or clips sideways (the phone menu, wide tables) cannot widen the page.
  const inScroller = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(up).overflowX)) return true;
    }
    return false;
  };
  const over = [...document.querySelectorAll('body *')].filter(el => {
    if (inScroller(el)) return false;
    const box = el.getBoundingClientRect();
    return box.right > width + 0.5 || (el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1
      && getComputedStyle(el).overflowX === 'visible');
  });
  const innermost = over.filter(el => !over.some(other => other !== el && el.contains(other)));
  return {page, wide: innermost.slice(0, 3).map(el =>
    `<${el.tagName.toLowerCase()} class="${el.className}"> «${(el.textContent || '').trim().slice(0, 40)}»`)};
}"""

# Sends the page's main form with the given values and without the browser's own checks, so the
# server answers with its error summary (what a person sees after a wrong entry).
SUBMIT = """values => {
  const forms = [...document.querySelectorAll('main form[method=post]')];
  const form = forms.find(f => Object.keys(values).some(name => f.elements[name])) || forms[0];
  form.noValidate = true;
  for (const [name, value] of Object.entries(values)) {
    const field = form.elements[name];
    if (field && field.type !== 'hidden' && field.type !== 'radio' && field.type !== 'checkbox') {
      try { field.value = value; } catch (e) { /* a date or number input refuses junk: leave it */ }
    }
  }
  form.requestSubmit();
}"""


@pytest.fixture
def site():
    return site_pages.seed_site()


@pytest.fixture
def narrow(browser, live_server):
    context = browser.new_context(
        viewport={"width": WIDTH, "height": 640}, is_mobile=True, has_touch=True, locale="de-DE",
        timezone_id="Europe/Berlin",
    )  # fmt: skip
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


def overflow(page):
    return page.evaluate(OVERFLOW, WIDTH)


def visit_all(page, paths):
    wide = {}
    for path in paths:
        response = page.goto(page.base_url + path, wait_until="load")
        assert response is not None and response.status < 500, path
        found = overflow(page)
        if found:
            wide[path] = found
    return wide


def submit_all(page, forms):
    wide = {}
    for path, values in forms:
        page.goto(page.base_url + path)
        with page.expect_navigation():
            page.evaluate(SUBMIT, values)
        assert page.locator(".error-summary").count() == 1, f"{path}: no error summary after a junk submit"
        found = overflow(page)
        if found:
            wide[f"POST {path}"] = found
    return wide


def report(wide):
    return "\n".join(f"{path}: scrollWidth {w['page']} px; {' | '.join(w['wide'])}" for path, w in wide.items())


def test_no_public_page_scrolls_sideways_at_320_px(narrow, site):
    page = narrow
    # Event pages differ only in their content, which is German in both languages: as listed.
    paths = site_pages.sitemap_paths(Client(), english_too=False)
    paths += site_pages.public_paths(site) + site_pages.filter_paths()
    wide = visit_all(page, paths)
    wide |= submit_all(page, site_pages.failed_submits(site))
    assert not wide, f"{len(wide)} pages scroll sideways at {WIDTH} px:\n{report(wide)}"


def test_no_back_office_page_scrolls_sideways_at_320_px(narrow, site):
    page = narrow
    log_in(page, site.staff)
    wide = visit_all(page, site_pages.back_office_paths(site))
    wide |= submit_all(page, site_pages.back_office_failed_submits(site))
    assert not wide, f"{len(wide)} back-office pages scroll sideways at {WIDTH} px:\n{report(wide)}"
