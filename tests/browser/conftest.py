"""Browser tests: Playwright's Python client driving Debian's chromium (never a downloaded browser).

Each test gets a live server on a real port and a fresh browser context. Use the `page`
fixture for a desktop window and `phone` for a 390×844 touch viewport.

Every context runs with the site's real Content-Security-Policy enforced: a script or style the
policy blocks, or an uncaught JavaScript error, fails the test (`BrowserProblems`). axe-core runs
through Playwright's `evaluate` (tests/browser/axe.py), which the page's CSP does not govern.
`page.wait_for_function` compiles its condition with eval in the page, which the CSP forbids:
wait with `expect(locator)…` or `page.wait_for_url` instead.
"""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Runs in every frame before the page's own code (init scripts are not subject to the page's CSP),
# so a violation while the <head> is parsed is reported too.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => window.__sfiReportCspViolation({
  directive: event.effectiveDirective, blocked: event.blockedURI, page: document.location.pathname,
  source: event.sourceFile, line: event.lineNumber,
}));
"""


class BrowserProblems:
    """What the browser blocked or failed at in one context; `check()` fails the test on any.

    A test that provokes a problem on purpose reads (and clears) it with `take()`.
    """

    def __init__(self, context):
        self.csp_violations = []
        self.errors = []
        context.expose_binding("__sfiReportCspViolation", lambda source, report: self.csp_violations.append(report))
        context.add_init_script(REPORT_CSP_VIOLATIONS)
        context.on("page", self._watch)

    def _watch(self, page):
        page.on("pageerror", lambda error: self.errors.append(f"uncaught error on {page.url}: {error}"))
        page.on("console", self._console)

    def _console(self, message):
        # Chromium logs every violation as a console error too: a safety net for one the event missed.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"console: {message.text}")

    def take(self):
        taken = {"csp_violations": self.csp_violations[:], "errors": self.errors[:]}
        self.csp_violations.clear()
        self.errors.clear()
        return taken

    def check(self):
        if self.csp_violations or self.errors:
            pytest.fail(
                "The browser blocked or failed at something (Content-Security-Policy violations: "
                f"{self.csp_violations}; errors: {self.errors})",
                pytrace=False,
            )


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Browser tests need Debian's chromium at {CHROMIUM} (bin/test installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(browser, **options):
    # No bypass_csp: the pages run under the policy real visitors get.
    context = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin", **options)
    context.set_default_timeout(10_000)
    context.problems = BrowserProblems(context)
    return context


@pytest.fixture
def page(browser, live_server):
    context = _context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()
    context.problems.check()


@pytest.fixture
def phone(browser, live_server):
    context = _context(browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()
    context.problems.check()
