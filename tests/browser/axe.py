"""Run axe-core (vendored, MPL-2.0) in the page and return its violations.

The script is evaluated through Playwright (the DevTools protocol), not added as a <script>
element, so it runs under the page's real Content-Security-Policy without weakening it.
"""

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def _axe_source():
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page):
    page.wait_for_load_state("load")  # a click's navigation may still be under way
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def assert_no_axe_violations(page):
    violations = axe_violations(page)
    assert violations == [], f"axe-core violations on {page.url}: {violations}"
