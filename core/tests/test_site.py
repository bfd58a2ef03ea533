import gettext
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.test import Client

from events.testing import make_event

pytestmark = pytest.mark.django_db
ROOT = Path(settings.BASE_DIR)


def test_healthz_reports_database_ok():
    response = Client().get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_robots_txt_points_to_sitemap():
    body = Client().get("/robots.txt").content.decode()
    assert "User-agent: *" in body
    assert re.search(r"^Sitemap: http://testserver/sitemap.xml$", body, re.M)


def test_sitemap_lists_public_pages_and_every_public_event_but_no_drafts():
    published = make_event(title="Öffentlich")
    draft = make_event(title="Entwurf", status="draft")
    xml = Client().get("/sitemap.xml").content
    locations = [el.text for el in ElementTree.fromstring(xml).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"http://testserver{published.get_absolute_url()}" in locations
    assert not any(draft.slug in loc for loc in locations)
    for path in ["/", "/veranstaltungen/", "/veranstaltungen/archiv/", "/karte/", "/quellen/", "/en/quellen/"]:
        assert f"http://testserver{path}" in locations, path


def test_security_txt_has_contact_and_expiry():
    body = Client().get("/.well-known/security.txt").content.decode()
    assert body.startswith("Contact: mailto:")
    assert "Expires: " in body


def test_pages_send_strict_security_headers():
    response = Client().get("/veranstaltungen/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_sources_page_shows_the_geodata_attribution_with_link():
    body = Client().get("/quellen/").content.decode()
    assert '<a href="https://www.bkg.bund.de" rel="noopener">© GeoBasis-DE / BKG 2021 (Daten verändert)</a>' in body
    assert "dl-de/by-2-0" in body


def test_language_switch_keeps_page_and_filters():
    body = Client().get("/veranstaltungen/?kreis=bautzen&art=schulung").content.decode()
    assert 'href="/en/veranstaltungen/?kreis=bautzen&amp;art=schulung" hreflang="en"' in body
    english = Client().get("/en/veranstaltungen/?kreis=bautzen").content.decode()
    assert 'href="/veranstaltungen/?kreis=bautzen" hreflang="de"' in english


def test_english_dates_and_german_dates_are_written_as_people_write_them():
    event = make_event()
    german = Client().get(event.get_absolute_url()).content.decode()
    english = Client().get("/en" + event.get_absolute_url()).content.decode()
    assert re.search(r"(Mo|Di|Mi|Do|Fr|Sa|So), \d{1,2}\. [A-ZÄ][a-zä]+\.? \d{4}, 9–16 Uhr", german)
    assert re.search(r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4}, 09:00–16:00", english)


def test_no_page_references_another_host():
    event = make_event()
    for path in ["/", "/veranstaltungen/", event.get_absolute_url(), "/karte/", "/quellen/"]:
        body = Client().get(path).content.decode()
        for attr in re.findall(r'(?:src|href)="(https?://[^"]+)"', body):
            # Only plain links the user may choose to follow; nothing is loaded from elsewhere.
            assert not re.search(r"<(script|link|img|iframe)[^>]+" + re.escape(attr), body), attr


def _unquote(po_string):
    return po_string.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def _po_entries(text):
    """(msgid, is_plural, is_translated) for every entry of a .po file, continuation lines joined."""
    for block in text.split("\n\n"):
        match = re.search(r'^msgid "(.*)"((?:\n".*")*)', block, re.M)
        if not match:
            continue
        msgid = _unquote(match.group(1) + "".join(re.findall(r'"(.*)"', match.group(2))))
        if not msgid:
            continue  # the header
        context = re.search(r'^msgctxt "(.*)"$', block, re.M)
        if context:  # gettext stores "context\x04msgid"
            msgid = f"{_unquote(context.group(1))}\x04{msgid}"
        empty = re.search(r'^msgstr(\[\d\])? ""$(?!\n")', block, re.M)
        yield msgid, "msgid_plural" in block, not empty and "#, fuzzy" not in block


def test_every_translation_catalogue_is_complete_and_compiled():
    catalogues = sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")) + [ROOT / "locale/en/LC_MESSAGES/django.po"]
    problems = []
    for path in catalogues:
        with path.with_suffix(".mo").open("rb") as fh:
            compiled = gettext.GNUTranslations(fh)._catalog
        for msgid, plural, translated in _po_entries(path.read_text(encoding="utf-8")):
            name = path.relative_to(ROOT)
            if not translated:
                problems.append(f"{name}: not translated (or fuzzy): {msgid!r}")
            elif (msgid, 0) not in compiled if plural else msgid not in compiled:
                problems.append(f"{name}: not compiled, run bin/messages --compile: {msgid!r}")
    assert problems == []


def _po_translations(text):
    """((msgctxt, msgid), msgstrs) for every translated entry of a .po file."""
    for block in text.split("\n\n"):
        if "#, fuzzy" in block:
            continue
        fields = {}
        for match in re.finditer(r'^(msgctxt|msgid|msgstr(?:\[\d\])?) "(.*)"((?:\n".*")*)', block, re.M):
            fields[match.group(1)] = _unquote(match.group(2) + "".join(re.findall(r'"(.*)"', match.group(3))))
        if fields.get("msgid"):
            msgstrs = tuple(value for key, value in sorted(fields.items()) if key.startswith("msgstr"))
            yield (fields.get("msgctxt"), fields["msgid"]), msgstrs


def test_a_german_text_has_one_english_translation_across_all_catalogues():
    """Django merges every app's catalogue into one: a msgid translated differently in two apps
    gets whichever app wins, on every page ("Anmeldung" became "Login" on event pages). Two
    meanings need a message context (pgettext, {% translate "…" context "…" %}); one meaning
    needs one wording."""
    catalogues = sorted(ROOT.glob("*/locale/en/LC_MESSAGES/django.po")) + [ROOT / "locale/en/LC_MESSAGES/django.po"]
    seen = {}
    for path in catalogues:
        for key, msgstrs in _po_translations(path.read_text(encoding="utf-8")):
            seen.setdefault(key, {}).setdefault(msgstrs, []).append(str(path.relative_to(ROOT).parts[0]))
    conflicts = {key: variants for key, variants in seen.items() if len(variants) > 1}
    assert conflicts == {}
