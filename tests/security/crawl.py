"""A small same-site crawler for the attack and header tests: follows links from a start page,
collects every HTML page it reaches, and inspects markup for inline code."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

SKIP_PREFIXES = ("/static/", "/media/", "/_dev/")
# Query strings multiply pages without new templates; we keep at most this many per path.
MAX_QUERY_VARIANTS = 2


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.inline_scripts, self.handler_attrs, self.style_attrs, self.forms = [], [], [], [], []
        self._in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.handler_attrs.append(f"<{tag} {name}>")
            if name == "style":
                self.style_attrs.append(f"<{tag} style>")
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "form":
            self.forms.append({"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action")})
        if tag == "script":
            self._in_script = attrs
            if not attrs.get("src") and attrs.get("type") != "application/ld+json":
                self.inline_scripts.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None and self._in_script.get("type") == "application/ld+json":
            return


def parse(html):
    parser = PageParser()
    parser.feed(html)
    return parser


def crawl(client, start_paths, *, limit=120):
    """Yields (path, response, parsed page) for each same-site HTML page reached."""
    seen, queue, variants = set(), list(start_paths), {}
    while queue and len(seen) < limit:
        path = urldefrag(queue.pop(0))[0]
        parts = urlsplit(path)
        if parts.scheme or parts.netloc or not path.startswith("/") or path in seen:
            continue
        if path.startswith(SKIP_PREFIXES) or re.search(r"/en/(static|media)/", path):
            continue
        if parts.query:
            variants[parts.path] = variants.get(parts.path, 0) + 1
            if variants[parts.path] > MAX_QUERY_VARIANTS:
                continue
        seen.add(path)
        response = client.get(path)
        if not response.get("Content-Type", "").startswith("text/html"):
            yield path, response, None
            continue
        page = parse(response.content.decode())
        yield path, response, page
        queue.extend(page.links)
