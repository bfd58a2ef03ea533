"""core.text.render_markdown: the allow-list, and valid HTML when a link's address is removed.
(The knowledge base tests many more unsafe inputs: knowledge/tests/test_unsafe_markup.py.)"""

from core.text import render_markdown


def test_scripts_handlers_and_unsafe_addresses_are_removed():
    html = render_markdown('<script>alert(1)</script><img src=x onerror=alert(1)> <b onclick="x">fett</b>')
    assert "<script" not in html and "<img" not in html and "onclick" not in html


def test_safe_links_get_rel_and_a_removed_address_leaves_no_rel_behind():
    assert render_markdown("[ok](https://example.org)") == (
        '<p><a href="https://example.org" rel="noopener noreferrer nofollow">ok</a></p>'
    )
    assert render_markdown("[böse](javascript:alert(1))") == "<p><a>böse</a></p>"
