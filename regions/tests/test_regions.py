import pytest

from regions.maps import build_map, legend, shade_for
from regions.models import District, Municipality
from regions.queries import distances_from, find_place, haversine_km

pytestmark = pytest.mark.django_db


def test_saxony_is_loaded_by_migration():
    assert District.objects.count() == 13
    assert Municipality.objects.count() == 419
    pirna = Municipality.objects.get(name="Pirna")
    assert pirna.district.short_name == "Sächsische Schweiz-Osterzgebirge"
    assert set(District.objects.values_list("kind", flat=True)) == {"Landkreis", "Kreisfreie Stadt"}
    # Landkreis Leipzig and the city of Leipzig stay distinguishable.
    assert District.objects.filter(short_name__in=["Leipzig", "Landkreis Leipzig"]).count() == 2


def test_haversine_dresden_to_pirna_is_about_17_km():
    dresden = Municipality.objects.get(name="Dresden")
    pirna = Municipality.objects.get(name="Pirna")
    assert 14 < haversine_km(dresden.lat, dresden.lon, pirna.lat, pirna.lon) < 20


def test_find_place_exact_case_insensitive_and_suggestions():
    assert find_place("pirna").place.name == "Pirna"
    assert find_place("  BAUTZEN ").place.name == "Bautzen"
    lookup = find_place("Pirnaa")
    assert lookup.place is None
    assert "Pirna" in lookup.suggestions
    assert find_place("").place is None


def test_distances_from_includes_neighbours_and_excludes_far_places():
    pirna = find_place("Pirna").place
    near = distances_from(pirna, 30)
    names = {m.name for m in Municipality.objects.filter(id__in=near)}
    assert {"Pirna", "Dresden", "Heidenau", "Bad Schandau"} <= names
    assert "Leipzig" not in names
    assert near[pirna.id] == 0


def test_map_has_every_district_shaded_by_value():
    districts = list(District.objects.all())
    values = {districts[0].id: 10, districts[1].id: 1}
    context = build_map(districts, values, lambda d: f"/x?kreis={d.slug}")
    assert len(context["areas"]) == 13
    by_name = {a.name: a for a in context["areas"]}
    assert by_name[districts[0].short_name].fill == shade_for(10, 10)
    assert by_name[districts[2].short_name].fill == shade_for(0, 10)
    assert all(a.path.startswith("M") and a.url.startswith("/x?kreis=") for a in context["areas"])


def test_legend_covers_the_range_without_gaps():
    labels = [label for _, label in legend(10)]
    assert labels[0] == "0"
    assert labels[-1].endswith("10")
    assert legend(0) == [(shade_for(0, 0), "0")]


@pytest.mark.parametrize(
    "typed, municipality",
    [
        ("Pirna-Copitz", "Pirna"),
        ("Pirna-Sonnenstein", "Pirna"),
        ("Dresden-Neustadt", "Dresden"),
        ("Dresden Neustadt", "Dresden"),
        ("Leipzig-Grünau", "Leipzig"),
        ("Chemnitz-Kaßberg", "Chemnitz"),
        ("Görlitz-Weinhübel", "Görlitz"),
        ("Radebeul-Ost", "Radebeul"),
        ("Pirna, Copitz", "Pirna"),
        ("Dresden, Loschwitz", "Dresden"),
        ("Pirna OT Copitz", "Pirna"),
        ("Sebnitz OT Hinterhermsdorf", "Sebnitz"),
        ("Copitz (Pirna)", "Pirna"),
        ("Bautzen/Budyšin", "Bautzen"),
        ("Hoyerswerda/Wojerecy", "Hoyerswerda"),
        ("Annaberg-Buchholz-Frohnau", "Annaberg-Buchholz"),
        ("Schwarzenberg-Bermsgrün", "Schwarzenberg/Erzgeb."),
    ],
)
def test_a_part_of_a_municipality_resolves_to_the_municipality(typed, municipality):
    lookup = find_place(typed)
    assert lookup.place is not None and lookup.place.name == municipality, lookup
    assert lookup.from_part


@pytest.mark.parametrize(
    "typed, municipality",
    [
        ("Annaberg-Buchholz", "Annaberg-Buchholz"),  # a hyphen inside a real name is no part
        ("Hohenstein-Ernstthal", "Hohenstein-Ernstthal"),
        ("Aue-Bad Schlema", "Aue-Bad Schlema"),
        ("Bad Schlema", "Aue-Bad Schlema"),  # a merged municipality by one of its halves
        ("Neugersdorf", "Ebersbach-Neugersdorf"),
        ("Breitenbrunn", "Breitenbrunn/Erzgeb."),  # without the qualifier
        ("Oelsnitz (Erzgeb)", "Oelsnitz/Erzgeb."),
        ("Goerlitz", "Görlitz"),
        ("St Egidien", "St. Egidien"),
        ("Hartmannsdorf", "Hartmannsdorf"),  # not Hartmannsdorf-Reichenau
        ("Rackwitz", "Rackwitz"),
        ("01796 Pirna", "Pirna"),  # a postal code in front, as in an address
    ],
)
def test_official_names_and_their_short_forms_resolve_as_themselves(typed, municipality):
    lookup = find_place(typed)
    assert lookup.place is not None and lookup.place.name == municipality, lookup
    assert not lookup.from_part


def test_names_that_could_mean_two_municipalities_ask_which_one():
    assert find_place("Oelsnitz").place is None
    assert find_place("Oelsnitz").suggestions == ["Oelsnitz/Erzgeb.", "Oelsnitz/Vogtl."]
    assert set(find_place("Reichenbach").suggestions) == {"Reichenbach im Vogtland", "Reichenbach/O.L."}
    assert set(find_place("Neustadt (Sachsen)").suggestions) == {"Neustadt in Sachsen", "Neustadt/Vogtl."}


def test_a_typo_in_a_part_suggests_the_municipality_not_a_lookalike():
    lookup = find_place("Pirnaa-Copitz")
    assert lookup.place is None
    assert lookup.suggestions[0] == "Pirna"
    assert "Rackwitz" not in lookup.suggestions
