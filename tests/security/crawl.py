"""A small same-site crawler for the attack and header tests: follows links from a start page,
collects every HTML page it reaches, and inspects markup for inline code."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

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
    """One path per URL pattern (German prefix), converters filled with sample values."""
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            part = "" if pattern.pattern.__class__.__name__ == "LocalePrefixPattern" else _route(pattern)
            if part is not None:
                yield from all_paths(pattern.url_patterns, prefix + part)
        elif isinstance(pattern, URLPattern):
            part = _route(pattern)
            if part is not None:
                yield "/" + prefix + part


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
