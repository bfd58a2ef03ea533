"""The shared place fields: every form that asks for a Saxon municipality or postal code uses them."""

import pytest
from django import forms

from regions.forms import MunicipalityField, PostalCodeField

pytestmark = pytest.mark.django_db


class PlaceForm(forms.Form):
    place = MunicipalityField()
    optional_place = MunicipalityField(required=False)
    postal_code = PostalCodeField(required=False)


def cleaned(**data):
    form = PlaceForm(data={"place": "", "optional_place": "", "postal_code": "", **data})
    return form, form.is_valid()


@pytest.mark.parametrize("typed, expected", [("Pirna", "Pirna"), ("Pirna-Copitz", "Pirna"), ("  bautzen ", "Bautzen")])
def test_a_typed_name_or_a_part_cleans_to_the_municipality(typed, expected):
    form, valid = cleaned(place=typed)
    assert valid, form.errors
    assert form.cleaned_data["place"].name == expected and form.cleaned_data["place"].id


def test_an_unknown_name_names_close_matches_and_the_typed_text_stays():
    form, valid = cleaned(place="Pirnaa")
    assert not valid
    assert form.errors["place"] == ["Wir kennen keine sächsische Gemeinde „Pirnaa“. Meinten Sie: Pirna?"]
    assert 'value="Pirnaa"' in str(form["place"])


def test_a_name_without_any_match_asks_to_choose_from_the_list():
    form, valid = cleaned(place="Xyzzyqq")
    assert form.errors["place"] == [
        "Wir kennen keine sächsische Gemeinde „Xyzzyqq“. Wählen Sie eine Gemeinde aus der Liste."
    ]


def test_empty_is_refused_when_required_and_none_when_optional():
    form, valid = cleaned(place="Pirna")
    assert valid and form.cleaned_data["optional_place"] is None
    form, valid = cleaned()
    assert form.errors["place"] == ["Geben Sie die Gemeinde an, zum Beispiel „Pirna“."]


def test_an_initial_municipality_is_shown_by_its_name():
    from regions.models import Municipality

    pirna = Municipality.objects.get(name="Pirna")
    assert 'value="Pirna"' in str(PlaceForm(initial={"place": pirna})["place"])


@pytest.mark.parametrize(
    "code, ok", [("01796", True), ("09111", True), ("10115", False), ("1796", False), ("0179a", False)]
)
def test_postal_codes_are_saxon(code, ok):
    form, valid = cleaned(place="Pirna", postal_code=code)
    assert valid is ok
    if not ok:
        assert form.errors["postal_code"] == [
            "Geben Sie eine sächsische Postleitzahl mit fünf Ziffern ein, z. B. 01796."
        ]
