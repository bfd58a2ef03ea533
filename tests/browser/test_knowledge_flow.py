"""The knowledge base on a phone (390 px): a visitor reads and follows the links both ways; a team
member writes an article with a preview, publishes it and attaches a PDF. axe on every new page."""

import pytest
from playwright.sync_api import expect

from accounts.testing import make_user
from events.testing import make_event, make_topic
from knowledge.models import Article
from knowledge.testing import PDF_BYTES, make_article, make_download
from tests.browser.axe import assert_no_axe_violations
from tests.browser.login import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _no_sideways_scrolling(page):
    # After a click the text can be there before the stylesheet: measured then, the page is unstyled.
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_visitor_reads_an_article_and_follows_links_to_offers_and_back(phone):
    asylum = make_topic()
    article = make_article(
        title="Das Asylverfahren in Kürze",
        summary="Die Stationen des Verfahrens und wo Ehrenamtliche begleiten.",
        body="## Die Stationen\n\n1. Registrierung\n2. **Anhörung**\n\n> Fristen sind kurz.",
        topics=[asylum],
    )
    make_download(article, title="Merkblatt Anhörung")
    make_article(title="Understanding the asylum procedure", language="en", topics=[asylum])
    make_article(title="Wohnungssuche begleiten", topics=[make_topic(slug="wohnen", name="Wohnen", name_en="Housing")])
    make_event(title="Schulung Asylrecht in Pirna", topics=[asylum])

    phone.goto(phone.base_url + "/wissen/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Wissen für die Praxis")
    _no_sideways_scrolling(phone)
    assert_no_axe_violations(phone)

    phone.get_by_text("Suche und Filter").click()
    phone.get_by_label("Stichwort").fill("anhorung")  # no umlaut typed: no match, as in the catalogue
    phone.get_by_role("button", name="Artikel anzeigen").click()
    expect(phone.locator(".result-count")).to_have_text("0 Artikel gefunden")
    assert_no_axe_violations(phone)
    phone.locator("#id_q").fill("Anhörung")  # the filter panel stays open while a filter applies
    phone.locator("#id_thema").select_option(label="Asylverfahren")
    phone.get_by_role("button", name="Artikel anzeigen").click()
    expect(phone.locator(".result-count")).to_have_text("1 Artikel gefunden")
    assert "Wohnungssuche begleiten" not in phone.content()
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Das Asylverfahren in Kürze").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Das Asylverfahren in Kürze")
    expect(phone.locator(".prose strong")).to_have_text("Anhörung")
    expect(phone.get_by_role("listitem").filter(has_text="Merkblatt Anhörung")).to_contain_text(
        f"(PDF, {len(PDF_BYTES)} Bytes)"
    )
    _no_sideways_scrolling(phone)
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Schulung Asylrecht in Pirna").click()
    expect(phone.get_by_role("heading", name="Hintergrundwissen zum Thema")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Understanding the asylum procedure").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Understanding the asylum procedure")
    expect(phone.locator("header[lang=en]")).to_be_visible()
    assert_no_axe_violations(phone)

    phone.goto(phone.base_url + "/en/wissen/?thema=gibt-es-nicht")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Knowledge for practice")
    assert_no_axe_violations(phone)


def test_team_member_writes_previews_publishes_and_attaches_a_pdf_on_a_phone(phone, tmp_path):
    make_topic()
    log_in(phone, make_user("team", email="team-wissen@example.org"), start="/team/")

    phone.goto(phone.base_url + "/team/wissen/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Wissensartikel")
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Neuen Artikel schreiben").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Neuen Artikel schreiben")
    assert_no_axe_violations(phone)

    phone.get_by_label("Titel").fill("Ehrenamt und Grenzen")
    phone.get_by_label("Kurzfassung").fill("Was Ehrenamtliche tun können – und was Fachstellen tun.")
    phone.get_by_label("Asylverfahren").check()
    phone.get_by_label("Text", exact=True).fill(
        "## Was Sie tun können\n\n- **begleiten**\n- zuhören\n\n<script>alert('x')</script>"
        "<img src=x onerror=alert(1)> [Link](javascript:alert(1))"
    )
    phone.get_by_role("button", name="Vorschau").click()
    preview = phone.locator(".knowledge-preview")
    expect(preview.get_by_role("heading", name="Vorschau (noch nicht gespeichert)")).to_be_visible()
    expect(preview.get_by_role("heading", name="Was Sie tun können")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("begleiten")
    assert preview.locator("script, img").count() == 0
    assert "javascript:" not in preview.inner_html()
    assert phone.get_by_label("Titel").input_value() == "Ehrenamt und Grenzen"  # nothing typed is lost
    assert not Article.objects.exists()
    _no_sideways_scrolling(phone)
    assert_no_axe_violations(phone)

    phone.get_by_role("button", name="Artikel speichern").click()
    expect(phone.get_by_text("Der Artikel „Ehrenamt und Grenzen“ ist gespeichert.")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("button", name="Veröffentlichen").click()
    expect(phone.get_by_text("„Ehrenamt und Grenzen“ ist veröffentlicht.")).to_be_visible()
    phone.get_by_role("button", name="Heute fachlich geprüft").click()
    expect(phone.get_by_text("„Ehrenamt und Grenzen“ ist als heute geprüft vermerkt.")).to_be_visible()

    phone.get_by_role("link", name="Downloads").click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Downloads")
    assert_no_axe_violations(phone)
    wrong = tmp_path / "folien.docx"
    wrong.write_bytes(b"PK\x03\x04 not a pdf")
    phone.get_by_label("Titel").fill("Folien")
    phone.get_by_label("Datei").set_input_files(str(wrong))
    phone.get_by_role("button", name="Hochladen").click()
    expect(phone.locator(".error-summary")).to_contain_text("Dateien vom Typ „.docx“ sind nicht erlaubt.")
    assert_no_axe_violations(phone)
    pdf = tmp_path / "grenzen.pdf"
    pdf.write_bytes(PDF_BYTES)
    phone.get_by_label("Datei").set_input_files(str(pdf))
    phone.get_by_role("button", name="Hochladen").click()
    expect(phone.get_by_text("Die Datei „Folien“ ist angehängt.")).to_be_visible()
    expect(phone.locator("table.data")).to_contain_text(f"PDF, {len(PDF_BYTES)} Bytes")
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Frühere Fassungen").click()
    expect(phone.get_by_role("link", name="Fassung 1")).to_be_visible()
    assert_no_axe_violations(phone)
    phone.get_by_role("link", name="Fassung 1").click()
    expect(phone.locator("pre.knowledge-source")).to_contain_text("<script>alert('x')</script>")
    assert phone.locator(".prose script, .prose img").count() == 0
    _no_sideways_scrolling(phone)
    assert_no_axe_violations(phone)

    phone.get_by_role("link", name="Öffentliche Seite ansehen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ehrenamt und Grenzen")
    expect(phone.get_by_role("link", name="Folien")).to_be_visible()
    assert phone.locator(".prose script, .prose img").count() == 0
    assert_no_axe_violations(phone)
