import itertools
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from events.models import Event
from events.testing import make_event, make_language, make_target_group, make_topic

pytestmark = [pytest.mark.django_db, pytest.mark.clock]
URL = "/veranstaltungen/"


def titles(response):
    return [e.title for e in response.context["page"].object_list]


def test_lists_upcoming_published_offers_in_date_order_and_hides_drafts_and_past():
    later = make_event(title="Später", days_ahead=20)
    sooner = make_event(title="Bald", days_ahead=5)
    make_event(title="Entwurf", status=Event.Status.DRAFT)
    make_event(title="Vorbei", days_ahead=-30, status=Event.Status.HELD)
    response = Client().get(URL)
    assert titles(response) == [sooner.title, later.title]
    body = response.content.decode()
    assert "Entwurf" not in body and "Vorbei" not in body
    assert "2 Angebote gefunden" in body


def test_archive_lists_past_offers_newest_first():
    make_event(title="Vor einem Jahr", days_ahead=-365, status=Event.Status.HELD)
    make_event(title="Letzten Monat", days_ahead=-30, status=Event.Status.HELD)
    make_event(title="Kommt noch", days_ahead=3)
    response = Client().get(URL + "archiv/")
    assert titles(response) == ["Letzten Monat", "Vor einem Jahr"]


def test_course_modules_are_listed_under_their_course_only():
    course = make_event(title="Fortbildung Bautzen", kind=Event.Kind.COURSE, place="Bautzen")
    make_event(title="Modul 1", kind=Event.Kind.COURSE, place="Bautzen", course=course)
    assert titles(Client().get(URL)) == ["Fortbildung Bautzen"]
    page = Client().get(course.get_absolute_url()).content.decode()
    assert "Modul 1" in page


def test_filter_by_district_type_topic_target_group_and_language():
    topic, group, lang = make_topic(), make_target_group(), make_language("ar", "Arabisch", "Arabic")
    match = make_event(
        title="Treffer",
        place="Bautzen",
        kind=Event.Kind.NETWORK,
        topics=[topic],
        target_groups=[group],
        languages=[lang],
    )
    make_event(
        title="Anderer Kreis",
        place="Pirna",
        kind=Event.Kind.NETWORK,
        topics=[topic],
        target_groups=[group],
        languages=[lang],
    )
    make_event(title="Andere Art", place="Bautzen", topics=[topic], target_groups=[group], languages=[lang])
    make_event(title="Ohne Thema", place="Bautzen", kind=Event.Kind.NETWORK, target_groups=[group], languages=[lang])
    response = Client().get(
        URL, {"kreis": "bautzen", "art": "vernetzung", "thema": topic.slug, "zielgruppe": group.slug, "sprache": "ar"}
    )
    assert titles(response) == [match.title]
    chips = [c.label for c in response.context["query"].chips]
    assert "Landkreis / Stadt: Bautzen" in chips and "Art: Vernetzungstreffen" in chips


def test_near_me_uses_municipality_and_radius():
    make_event(title="In Heidenau", place="Heidenau")
    make_event(title="In Leipzig", place="Leipzig")
    response = Client().get(URL, {"ort": "Pirna", "umkreis": "30"})
    assert titles(response) == ["In Heidenau"]
    assert response.context["page"].object_list[0].distance_km <= 30
    assert "bis 30 km um Pirna" in response.content.decode()


def test_near_me_with_unknown_place_suggests_close_names_and_shows_all():
    make_event(title="Irgendwo")
    response = Client().get(URL, {"ort": "Pirnaa", "umkreis": "30"})
    body = response.content.decode()
    assert "Wir kennen keine sächsische Gemeinde „Pirnaa“" in body
    assert "?ort=Pirna" in body
    assert titles(response) == ["Irgendwo"]


def test_near_me_with_a_part_of_a_municipality_searches_around_the_municipality():
    make_event(title="In Heidenau", place="Heidenau")
    make_event(title="In Leipzig", place="Leipzig")
    response = Client().get(URL, {"ort": "Pirna-Copitz", "umkreis": "30"})
    body = response.content.decode()
    assert titles(response) == ["In Heidenau"]
    assert "Für „Pirna-Copitz“ suchen wir in der Gemeinde Pirna." in body
    assert "bis 30 km um Pirna" in body
    assert response.context["query"].suggestions == []  # it used to suggest "Rackwitz"


def test_date_range_filter_and_swapped_dates():
    today = timezone.localdate()
    make_event(title="In fünf Tagen", days_ahead=5)
    make_event(title="In vierzig Tagen", days_ahead=40)
    von, bis = today + timedelta(days=30), today + timedelta(days=50)
    assert titles(Client().get(URL, {"von": von.isoformat(), "bis": bis.isoformat()})) == ["In vierzig Tagen"]
    swapped = Client().get(URL, {"von": bis.isoformat(), "bis": von.isoformat()})
    assert titles(swapped) == ["In vierzig Tagen"]
    assert "getauscht" in swapped.content.decode()


def test_full_text_search_over_title_summary_description_and_topics_ignores_case_and_umlauts():
    make_event(
        title="Asyl in Sachsen",
        summary="Ein Tag.",
        description="",
        topics=[make_topic("trauma", "Traumasensibler Umgang", "Trauma")],
    )
    make_event(title="Vernetzung", summary="Ein Abend.", description="Wir sprechen über Möglichkeiten.")
    make_event(title="Nichts davon", description="Kein Treffer.", summary="Leer.")
    assert titles(Client().get(URL, {"q": "asyl"})) == ["Asyl in Sachsen"]
    assert titles(Client().get(URL, {"q": "TRAUMASENSIBLER"})) == ["Asyl in Sachsen"]
    assert titles(Client().get(URL, {"q": "moeglichkeiten"})) == ["Vernetzung"]
    assert titles(Client().get(URL, {"q": "Möglichkeiten sprechen"})) == ["Vernetzung"]


@pytest.mark.parametrize(
    "params",
    [
        {"kreis": "atlantis"},
        {"art": "party"},
        {"von": "gestern"},
        {"bis": "2026-13-45"},
        {"umkreis": "-5", "ort": "Pirna"},
        {"umkreis": "abc", "ort": "Pirna"},
        {"thema": "x" * 500},
        {"seite": "abc"},
        {"seite": "9999"},
        {"seite": "-1"},
        {"q": "' OR 1=1; DROP TABLE events_event; --"},
        {"q": "%_%\\"},
        {"sprache": "<script>alert(1)</script>"},
    ],
)
def test_bad_filter_values_never_break_the_page(params):
    make_event(title="Bleibt sichtbar")
    response = Client().get(URL, params)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert Event.objects.filter(title="Bleibt sichtbar").exists()


def test_invalid_filters_are_reported_and_ignored():
    make_event(title="Sichtbar")
    response = Client().get(URL, {"kreis": "atlantis", "seite": "abc"})
    body = response.content.decode()
    assert titles(response) == ["Sichtbar"]
    assert "ungültigen Wert" in body
    assert "Die Seitenzahl war ungültig" in body


def test_radius_is_capped_and_long_search_text_cut():
    response = Client().get(URL, {"ort": "Pirna", "umkreis": "5000", "q": "a" * 300})
    body = response.content.decode()
    assert response.context["query"].values["umkreis"] == 200
    assert len(response.context["query"].values["q"]) == 100
    assert "auf 200 km begrenzt" in body and "gekürzt" in body


def test_pagination_keeps_filters_in_links():
    for i in range(25):
        make_event(title=f"Schulung {i}", place="Bautzen", days_ahead=3 + i)
    response = Client().get(URL, {"kreis": "bautzen"})
    assert len(response.context["page"].object_list) == 20
    body = response.content.decode()
    assert "kreis=bautzen&amp;seite=2" in body
    second = Client().get(URL, {"kreis": "bautzen", "seite": "2"})
    assert len(second.context["page"].object_list) == 5


def test_empty_results_say_what_to_do_next():
    body = Client().get(URL, {"kreis": "bautzen"}).content.decode()
    assert "0 Angebote gefunden" in body
    assert "Entfernen Sie einen Filter" in body


def test_htmx_request_gets_only_the_results_fragment():
    make_event(title="Fragment")
    response = Client().get(URL, {"q": "Fragment"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "<html" not in body and "Fragment" in body
    assert "HX-Request" in response["Vary"]


def test_english_catalogue_translates_interface():
    make_event(title="Schulung")
    body = Client().get("/en" + URL).content.decode()
    assert 'lang="en"' in body
    assert "Offers across Saxony" in body
    assert "1 offer found" in body


def test_cards_show_seats_left_or_the_waiting_list():
    from registrations.tests.helpers import register

    roomy = make_event(title="Viel Platz", capacity=10)
    full = make_event(title="Ausgebucht", capacity=1)
    register(roomy)
    register(full)
    register(full)  # second person waits
    body = Client().get(URL).content.decode()
    roomy_card = body.split("Viel Platz")[1].split("</li>")[0]
    full_card = body.split("Ausgebucht")[1].split("</li>")[0]
    assert "noch 9 Plätze frei" in roomy_card
    assert "Warteliste" in full_card and "frei" not in full_card


def test_headings_go_down_one_level_at_a_time_to_the_cards():
    # Screen-reader users jump by headings: the cards (h3) need an h2 above them, not just the h1.
    make_event(title="Schulung Pirna")
    body = Client().get(URL).content.decode()
    levels = [int(n) for n in re.findall(r"<h([1-6])[\s>]", body)]
    assert levels.count(3) >= 1
    assert all(lower <= upper + 1 for upper, lower in itertools.pairwise(levels)), levels
