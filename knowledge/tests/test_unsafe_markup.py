"""Unsafe Markdown and HTML never reach a page: every path that shows an article's text (public page,
the team's preview, an old revision) goes through `core.text.render_markdown`, whose output may hold
only the allow-listed tags, `href`/`title`/`rel` on links and http(s)/mailto/relative addresses. Plain
fields (title, summary, download title) are escaped everywhere they appear."""

import re
from html.parser import HTMLParser

import pytest

from core.text import MARKDOWN_TAGS, render_markdown
from events.testing import make_event, make_topic
from knowledge.models import Article
from knowledge.services import save_article
from knowledge.testing import make_article, make_download

pytestmark = pytest.mark.django_db

ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}}
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def scheme_as_a_browser_reads_it(href):
    """The URL's scheme the way browsers parse it (WHATWG URL): leading/trailing controls and spaces
    dropped, tabs and newlines removed anywhere; None for a relative address."""
    cleaned = re.sub(r"[\t\n\r]", "", href.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f "))
    match = SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


UNSAFE = {
    "script tag": "<script>alert(1)</script>",
    "script mixed case": "<ScRiPt>alert(1)</sCrIpT>",
    "script unclosed": "<script src=https://evil.example/x.js",
    "script split": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "img onerror": "<img src=x onerror=alert(1)>",
    "markdown image": "![Bild](https://evil.example/track.png)",
    "markdown image javascript": "![x](javascript:alert(1))",
    "svg onload": "<svg onload=alert(1)><circle r=1></svg>",
    "svg script": "<svg><script>alert(1)</script></svg>",
    "math xlink": '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    "iframe": '<iframe src="https://evil.example"></iframe>',
    "iframe srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "form": '<form action="https://evil.example"><input name=p type=password><button>OK</button></form>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "base": '<base href="https://evil.example/">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "style tag": "<style>body{display:none}</style>",
    "style attribute": '<p style="position:fixed;top:0">Überlagerung</p>',
    "onclick on allowed tag": '<a href="https://example.org" onclick="alert(1)">Link</a>',
    "ontoggle": "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "class and id": '<strong class="button" id="main">fett</strong>',
    "target blank": '<a href="https://example.org" target="_blank">neu</a>',
    "javascript link": "[klick](javascript:alert(1))",
    "javascript upper": "[klick](JaVaScRiPt:alert(1))",
    "javascript entity": "[klick](&#106;avascript:alert(1))",
    "javascript hex entity": '<a href="&#x6A;avascript:alert(1)">klick</a>',
    "javascript tab": '<a href="java\tscript:alert(1)">klick</a>',
    "javascript autolink": "<javascript:alert(1)>",
    "javascript reference": "[klick][1]\n\n[1]: javascript:alert(1)",
    "vbscript link": "[klick](vbscript:msgbox(1))",
    "data link": "[klick](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data html link": '<a href="data:text/html,<script>alert(1)</script>">klick</a>',
    "file link": "[klick](file:///etc/passwd)",
    "attribute breakout": '[klick](https://example.org/" onmouseover="alert(1))',
    "title breakout": '[klick](https://example.org "a\\" onmouseover=\\"alert(1)")',
    "html comment": "<!-- <script>alert(1)</script> -->sichtbar",
    "cdata": "<![CDATA[<script>alert(1)</script>]]>",
    "textarea breakout": "</textarea><script>alert(1)</script>",
    "nested in allowed": "<blockquote><script>alert(1)</script>Zitat</blockquote>",
    "inside code is text": "`<script>alert(1)</script>`\n\n    <img src=x onerror=alert(1)>",
    "template injection": "{{ request.user }} {% debug %}",
}


class Markup(HTMLParser):
    """Every tag and attribute in a fragment, for checking against the allow-list."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def assert_safe(fragment):
    parser = Markup()
    parser.feed(fragment)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in MARKDOWN_TAGS, f"<{tag}> in {fragment!r}"
        assert set(attrs) <= ALLOWED_ATTRIBUTES.get(tag, set()), f"<{tag} {attrs}> in {fragment!r}"
        href = attrs.get("href")
        if href is not None:
            assert scheme_as_a_browser_reads_it(href) in SAFE_SCHEMES | {None}, f"href {href!r}"
        if href is not None:
            assert "noopener" in attrs.get("rel", "") and "nofollow" in attrs.get("rel", "")
        else:
            assert "rel" not in attrs  # `rel` without `href` is invalid HTML
    assert "<script" not in fragment.lower()


def test_the_scheme_check_reads_urls_like_a_browser():
    assert scheme_as_a_browser_reads_it(" java\tscript:alert(1)") == "javascript"
    assert scheme_as_a_browser_reads_it("JAVASCRIPT:alert(1)") == "javascript"
    assert scheme_as_a_browser_reads_it("java   script:alert(1)") is None  # a space: a relative path
    assert scheme_as_a_browser_reads_it("\ufffdjavascript:alert(1)") is None
    assert scheme_as_a_browser_reads_it("/wissen/") is None
    assert scheme_as_a_browser_reads_it("https://example.org") == "https"


@pytest.mark.parametrize("source", UNSAFE.values(), ids=UNSAFE.keys())
def test_the_helper_keeps_only_allow_listed_markup(source):
    assert_safe(render_markdown(source))


def test_safe_markdown_keeps_its_meaning():
    html = render_markdown(
        "## Titel\n\n**fett** *kursiv* `code`\n\n- eins\n- zwei\n\n1. a\n2. b\n\n> Zitat\n\n---\n\n"
        "[Link](https://example.org) <https://example.org/auto> [Mail](mailto:team@example.org) [relativ](/wissen/)"
    )
    assert_safe(html)
    for part in ("<h2>Titel</h2>", "<strong>fett</strong>", "<em>kursiv</em>", "<code>code</code>", "<ul>", "<ol>"):
        assert part in html
    assert "<blockquote>" in html and "<hr>" in html
    assert 'href="https://example.org"' in html and 'href="mailto:team@example.org"' in html
    assert 'href="/wissen/"' in html


def test_a_link_whose_address_was_removed_keeps_only_its_text():
    assert render_markdown("[klick](javascript:alert(1))") == "<p><a>klick</a></p>"
    assert render_markdown('<a title="t" href="vbscript:x">klick</a>') == '<p><a title="t">klick</a></p>'


def test_code_shows_markup_as_text():
    html = render_markdown("`<script>alert(1)</script>`")
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in html


def _prose(page):
    start = page.index('<div class="prose')
    return page[page.index(">", start) + 1 : page.index("</div>", start)]


ALL_UNSAFE = "\n\n".join(UNSAFE.values())


def test_the_public_article_page_shows_only_safe_markup(client):
    article = make_article(title="Sicher", body=ALL_UNSAFE)
    page = client.get(article.get_absolute_url()).content.decode()
    assert_safe(_prose(page))
    assert "sichtbar" in page and "Zitat" in page and "Überlagerung" in page  # the text itself stays
    assert "<script" not in page.split("</header>", 1)[1].split("<footer", 1)[0]


def test_the_preview_shows_only_safe_markup_and_keeps_the_source(client, login_as, team):
    login_as(team)
    data = {"title": "Sicher", "summary": "x", "body": ALL_UNSAFE, "version": "1", "action": "preview"}
    page = client.post("/team/wissen/neu/", data).content.decode()
    assert "Vorschau (noch nicht gespeichert)" in page
    assert_safe(_prose(page))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the source in the text box, escaped
    assert not Article.objects.exists()


def test_an_old_revision_shows_only_safe_markup_and_its_source_escaped(client, login_as, team):
    article = make_article(title="Sicher", body=ALL_UNSAFE)
    article.body = "Neu"
    save_article(actor=team, article=article, topics=[], expected_version=1)
    login_as(team)
    page = client.get(f"/team/wissen/{article.pk}/fassungen/1/").content.decode()
    assert_safe(_prose(page))
    source = page[page.index('<pre class="knowledge-source"') :]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source.split("</pre>")[0]


@pytest.mark.parametrize(
    "text", ['<script>alert("t")</script>', '"><img src=x onerror=alert(1)>', "{{ 7|add:7 }} &amp; <b>fett</b>"]
)
def test_plain_fields_are_escaped_on_every_page(client, login_as, team, text):
    topic = make_topic()
    article = make_article(title=f"Titel {text}", summary=f"Kurz {text}", topics=[topic])
    make_download(article, title=f"Datei {text}")
    event = make_event(topics=[topic])
    login_as(team)
    pages = [
        client.get("/wissen/").content.decode(),
        client.get(article.get_absolute_url()).content.decode(),
        client.get(event.get_absolute_url()).content.decode(),
        client.get("/team/wissen/").content.decode(),
        client.get(f"/team/wissen/{article.pk}/").content.decode(),
        client.get(f"/team/wissen/{article.pk}/dateien/").content.decode(),
        client.get(f"/team/wissen/{article.pk}/fassungen/").content.decode(),
        client.get(f"/team/wissen/{article.pk}/fassungen/1/").content.decode(),
    ]
    for page in pages:
        assert text not in page
        assert "Titel " in page


def test_search_for_markup_is_harmless(client):
    make_article(title="Asyl")
    page = client.get("/wissen/", {"q": '<script>alert(1)</script>"'}).content.decode()
    assert "<script>alert(1)" not in page
    assert "0 Artikel gefunden" in page
