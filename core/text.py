"""Text helpers shared by every app: search folding, safe Markdown, German/English fields."""

import re
import unicodedata

import markdown
import nh3
from django.utils.translation import get_language

_FOLD_MAP = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
MARKDOWN_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr"}


def fold(text: str) -> str:
    """Lower-case, umlaut-neutral, accent-free form used for search on every database."""
    text = text.casefold().translate(_FOLD_MAP)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.split())


_DIGITS = re.compile(r"(\d+)")
LINK_REL = "noopener noreferrer nofollow"
# A link whose address the sanitiser removed (javascript: …) keeps only its text: `rel` without `href`
# is invalid HTML.
_LINK_WITHOUT_HREF = re.compile(rf'<a( title="[^"]*")? rel="{LINK_REL}">')


def natural_key(text: str) -> tuple:
    """Sort key for names as people read them: "Gruppe 2" before "Gruppe 10", case, umlauts and
    accents ignored ("Ärzte" with "Aerzte"), the exact text breaking ties."""
    # split() with a group alternates text and digits, always starting with text: positions match.
    parts = _DIGITS.split(fold(text))
    return (tuple(int(part) if index % 2 else part for index, part in enumerate(parts)), text)


class LocalizedText(str):
    """A text picked for the page's language; `lang` is "de" when an English page falls back to German.

    Templates mark such a fallback with `lang="de"` (`{{ text|lang_attr }}`), so screen readers
    switch pronunciation and readers see why the text is German."""

    lang = ""

    def __new__(cls, text, lang=""):
        instance = super().__new__(cls, text)
        instance.lang = lang
        return instance


def localized(german: str, english: str) -> LocalizedText:
    """The English text on English pages when there is one; German otherwise (the source language)."""
    if get_language() != "en":
        return LocalizedText(german)
    if english:
        return LocalizedText(english)
    return LocalizedText(german, lang="de" if german else "")


def render_markdown(source: str) -> str:
    """Markdown to HTML with an allow-list sanitiser: no scripts, styles or event handlers."""
    html = markdown.markdown(source or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        html,
        tags=MARKDOWN_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
    )
    return _LINK_WITHOUT_HREF.sub(r"<a\1>", cleaned)
