"""The browser tests run under the real Content-Security-Policy: what it blocks fails the test.

The flows in this folder (catalogue → registration, back-office login → event → check-in, …) use
the `page` and `phone` fixtures, whose contexts do not bypass CSP and fail on any violation.
These tests prove that mechanism on a real page with inline code slipped in.
"""

import pytest
from playwright.sync_api import Error, expect

from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

INJECTED = (
    '<p id="injected" style="outline: 3px solid red">injected</p>'
    "<style>#injected { color: red }</style>"
    '<script>document.documentElement.dataset.injected = "ran"</script>'
)


def wait_for_violations(page, count):
    for _ in range(100):
        if len(page.context.problems.csp_violations) >= count:
            return
        page.wait_for_timeout(50)


def test_inline_script_and_style_slipped_into_a_real_page_are_blocked_and_fail_the_test(page):
    def inject(route):
        # The real response with its real headers, plus inline code, as a template mistake or XSS would add.
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace("</main>", INJECTED + "</main>"))

    page.route("**/quellen/", inject)
    response = page.goto(page.base_url + "/quellen/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_text("injected", exact=True)).to_be_visible()
    wait_for_violations(page, 3)

    assert page.evaluate("document.documentElement.dataset.injected") is None  # the script never ran
    assert page.locator("#injected").evaluate("e => getComputedStyle(e).outlineStyle") == "none"
    with pytest.raises(pytest.fail.Exception, match="script-src-elem"):
        page.context.problems.check()  # what the fixture does after every test

    problems = page.context.problems.take()  # expected here: do not fail this test for them
    directives = {violation["directive"] for violation in problems["csp_violations"]}
    assert {"script-src-elem", "style-src-elem", "style-src-attr"} <= directives
    assert all(violation["page"] == "/quellen/" for violation in problems["csp_violations"])


def test_the_policy_is_not_bypassed_and_axe_runs_under_it(page):
    page.goto(page.base_url + "/quellen/")
    # A context with bypass_csp would let Playwright add an inline <script>; ours must not.
    with pytest.raises(Error, match="Content Security Policy"):
        page.add_script_tag(content="window.sneaked = true")
    assert page.evaluate("window.sneaked") is None
    wait_for_violations(page, 1)
    assert [v["directive"] for v in page.context.problems.take()["csp_violations"]] == ["script-src-elem"]

    assert_no_axe_violations(page)  # axe-core is evaluated, not injected: no violation
    assert page.evaluate("typeof window.axe") == "object"
    # The site's own scripts (static files) ran under the policy.
    assert page.evaluate("typeof window.htmx") == "object"
    page.wait_for_timeout(200)  # a late violation report would arrive by now
    assert page.context.problems.take() == {"csp_violations": [], "errors": []}
