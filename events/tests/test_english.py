"""English pages: the team's optional English texts, a German fallback marked lang="de", and
German words that mean two things (a registration is no login)."""

from datetime import time
from html.parser import HTMLParser

import pytest
from django.test import Client

from accounts.testing import make_user
from events.models import AgendaItem
from events.testing import make_event

pytestmark = pytest.mark.django_db


class _LangOfText(HTMLParser):
    """The language of the nearest element carrying `lang` around each piece of text (the page's own language
    comes from <html lang>)."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area", "base", "track", "embed"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts, self.skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(dict(attrs).get("lang"))
        self.skip += tag in ("title", "script")  # the window title and JSON-LD are no visible text

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()
        self.skip -= tag in ("title", "script")

    def handle_data(self, data):
        if data.strip() and not self.skip:
            self.texts.append((" ".join(data.split()), next((lang for lang in reversed(self.stack) if lang), None)))


def languages_of(html, text):
    parser = _LangOfText()
    parser.feed(html)
    return {lang for data, lang in parser.texts if text in data}


def english_event(**fields):
    event = make_event(
        title="Unterstützer_innenschulung in Pirna",
        summary="Informationen zu Fluchtursachen und Asylverfahren.",
        description="Wir sprechen über **Möglichkeiten** des Ehrenamts.",
        **fields,
    )
    AgendaItem.objects.create(event=event, time=time(9, 0), title="Begrüßung", title_en="Welcome", position=1)
    AgendaItem.objects.create(event=event, time=time(9, 30), title="Asylverfahren in Sachsen", position=2)
    return event


def test_the_english_event_page_shows_the_english_texts():
    event = english_event(
        title_en="Training for supporters in Pirna",
        summary_en="Causes of flight and the asylum procedure.",
        description_en="We talk about what **volunteers** can do.",
    )
    url = event.get_absolute_url()
    page = Client().get("/en" + url).content.decode()
    assert "<title>Training for supporters in Pirna" in page
    assert languages_of(page, "Training for supporters in Pirna") == {"en"}
    assert languages_of(page, "Causes of flight and the asylum procedure.") == {"en"}
    assert "<strong>volunteers</strong>" in page and "Möglichkeiten" not in page
    assert languages_of(page, "Welcome") == {"en"} and "Begrüßung" not in page
    assert "Unterstützer_innenschulung in Pirna" not in page

    german = Client().get(url).content.decode()
    assert "Unterstützer_innenschulung in Pirna" in german and "Begrüßung" in german
    assert "Training for supporters" not in german and "Welcome" not in german


def test_without_english_texts_the_german_ones_are_marked_as_german():
    url = english_event().get_absolute_url()
    page = Client().get("/en" + url).content.decode()
    assert '<html lang="en"' in page
    for german in [
        "Unterstützer_innenschulung in Pirna",
        "Informationen zu Fluchtursachen und Asylverfahren.",
        "Möglichkeiten",
        "Asylverfahren in Sachsen",
    ]:
        assert languages_of(page, german) == {"de"}, german
    assert languages_of(page, "Welcome") == {"en"}  # the one agenda line that has its English version

    # The German page needs no marks: everything there is German anyway.
    german_page = Client().get(url).content.decode()
    assert '<html lang="de"' in german_page
    assert languages_of(german_page, "Unterstützer_innenschulung in Pirna") == {"de"}
    assert '<h1 lang="de"' not in german_page and '<td lang="de"' not in german_page


def test_catalogue_cards_show_the_english_title_or_the_marked_german_one():
    translated = english_event(title_en="Training for supporters in Pirna")
    untranslated = make_event(title="Vernetzungstreffen in Riesa", days_ahead=20)
    page = Client().get("/en/veranstaltungen/").content.decode()
    assert languages_of(page, "Training for supporters in Pirna") == {"en"}
    assert languages_of(page, "Vernetzungstreffen in Riesa") == {"de"}
    assert translated.title not in page
    assert untranslated.get_absolute_url() in page


def test_english_words_found_by_the_catalogue_search():
    event = english_event(title_en="Training for supporters in Pirna")
    make_event(title="Vernetzungstreffen in Riesa")
    event.refresh_search_text()
    page = Client().get("/en/veranstaltungen/?q=supporters").content.decode()
    assert "Training for supporters in Pirna" in page and "Vernetzungstreffen in Riesa" not in page


def test_the_english_registration_box_and_form_say_registration_not_login():
    event = make_event()
    page = Client().get("/en" + event.get_absolute_url()).content.decode()
    assert '<h2 id="registration-heading">Registration</h2>' in page
    assert "Login" not in page
    form = Client().get(f"/en/veranstaltungen/{event.slug}/anmelden/").content.decode()
    assert "<h1>Registration" in form and "<title>Registration:" in form
    assert "Login" not in form


def test_the_audit_log_still_calls_a_login_a_login():
    from django.utils import translation

    from audit.actions import label_for

    with translation.override("en"):
        assert str(label_for("account.login")) == "Login"
    with translation.override("de"):
        assert str(label_for("account.login")) == "Anmeldung"


def test_the_team_writes_the_english_texts_in_the_back_office(client, team, login_as):
    from events.tests.test_staff_events import form_data
    from events.tests.test_staff_setup import agenda_data

    login_as(team)
    event = make_event(title="Schulung in Pirna")
    form = client.get(f"/team/veranstaltungen/{event.pk}/bearbeiten/").content.decode()
    assert 'name="title_en"' in form and 'name="summary_en"' in form and 'name="description_en"' in form

    data = form_data(
        event,
        title_en="Training in Pirna",
        summary_en="The basics.",
        description_en="More about **it**.",
    )
    response = client.post(f"/team/veranstaltungen/{event.pk}/bearbeiten/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert (event.title_en, event.summary_en, event.description_en) == (
        "Training in Pirna",
        "The basics.",
        "More about **it**.",
    )

    rows = [{"time": "09:00", "title": "Begrüßung", "title_en": "Welcome", "position": ""}]
    response = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows))
    assert response.status_code == 302
    assert list(AgendaItem.objects.filter(event=event).values_list("title", "title_en")) == [("Begrüßung", "Welcome")]
    page = Client().get("/en" + event.get_absolute_url()).content.decode()
    assert "Training in Pirna" in page and "Welcome" in page and "<strong>it</strong>" in page


def test_a_copy_with_a_new_title_drops_the_old_english_title_but_keeps_the_english_agenda():
    from events.services import copy_event

    event = english_event(title_en="Training for supporters in Pirna")
    team = make_user("team")
    copy = copy_event(actor=team, source=event, start=event.start, title="Schulung in Riesa")
    assert copy.title_en == ""
    assert list(copy.agenda.values_list("title_en", flat=True)) == ["Welcome", ""]
    same = copy_event(actor=team, source=event, start=event.start)
    assert same.title_en == "Training for supporters in Pirna"


def test_a_description_only_in_english_leaves_the_german_page_without_an_empty_section():
    url = make_event(description="", description_en="Only in **English**.").get_absolute_url()
    assert "<h2>Beschreibung</h2>" not in Client().get(url).content.decode()
    english = Client().get("/en" + url).content.decode()
    assert "<h2>Description</h2>" in english and "Only in <strong>English</strong>." in english
