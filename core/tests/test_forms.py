"""The form mechanisms every app shares: the field include, the error summary, typed values a
date/number/URL input cannot hold, and filter values that were dropped."""

import re

from django import forms
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from core.filters import FilterQuery, read_form
from core.forms import no_autofill


class EventForm(forms.Form):
    title = forms.CharField(label="Titel", help_text="So steht es im Katalog.")
    day = forms.DateField(label="Tag", widget=forms.DateInput(attrs={"type": "date"}))
    seats = forms.IntegerField(label="Plätze", min_value=1)
    website = forms.URLField(label="Webseite", required=False, assume_scheme="https")
    role = forms.ChoiceField(label="Rolle", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    consent = forms.BooleanField(label=mark_safe('Ich habe die <a href="/datenschutz/">Hinweise</a> gelesen.'))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].widget.input_type = "date"


def render_field(form, name):
    return render_to_string("includes/field.html", {"field": form[name]})


def ids_and_references(html):
    ids = set(re.findall(r'\bid="([^"]+)"', html))
    refs = [r for value in re.findall(r'aria-describedby="([^"]*)"', html) for r in value.split()]
    return ids, refs


def test_every_described_by_id_exists_with_hint_and_errors():
    form = EventForm({"title": "", "day": "gestern", "seats": "0"})
    for name in ("title", "day", "seats", "role", "consent"):
        html = render_field(form, name)
        ids, refs = ids_and_references(html)
        assert refs, name
        assert set(refs) <= ids, f"{name}: {refs} not all in {ids}"
        assert 'aria-describedby=""' not in html and 'aria-describedby=" ' not in html
    assert 'id="id_title_helptext"' in render_field(form, "title")


def test_a_field_with_two_errors_has_one_error_element():
    class Twice(forms.Form):
        code = forms.CharField(label="Code")

        def clean_code(self):
            raise forms.ValidationError(["Zu kurz.", "Nur Ziffern."])

    html = render_field(Twice({"code": "x"}), "code")
    assert html.count('id="id_code_error"') == 1
    assert "Zu kurz." in html and "Nur Ziffern." in html


def test_an_unfilled_radio_group_has_no_empty_described_by():
    html = render_field(EventForm(), "role")
    assert "<fieldset>" in html and "aria-describedby" not in html


def test_values_a_typed_input_cannot_hold_are_kept_in_a_text_box():
    form = EventForm({"day": "gestern", "seats": "abc", "website": "<b>kein Link</b>"})
    day, seats, website = str(form["day"]), str(form["seats"]), str(form["website"])
    assert 'type="text"' in day and 'value="gestern"' in day
    assert 'type="text"' in seats and 'value="abc"' in seats and "min=" not in seats
    assert 'type="text"' in website and 'value="&lt;b&gt;kein Link&lt;/b&gt;"' in website
    assert 'aria-invalid="true"' in day


def test_valid_values_keep_their_input_type():
    form = EventForm({"day": "2026-02-27", "seats": "12", "website": "https://example.org/"})
    assert 'type="date"' in str(form["day"]) and 'value="2026-02-27"' in str(form["day"])
    assert 'type="number"' in str(form["seats"]) and 'min="1"' in str(form["seats"])
    assert 'type="url"' in str(form["website"])
    assert 'type="text"' in str(EventForm({"day": "2026-02-30"})["day"])  # no such day


def test_the_error_summary_links_each_field_without_nesting_links():
    form = EventForm({"title": ""})
    form.is_valid()
    html = render_to_string("includes/error_summary.html", {"form": form})
    for item in re.findall(r"<li>(.*?)</li>", html, re.S):
        assert item.count("<a ") <= 1, item
    assert '<a href="#id_consent">Ich habe die Hinweise gelesen.: ' in html
    assert '<a href="#id_role_0">Rolle: ' in html


def test_no_autofill_leaves_radio_buttons_and_checkboxes_alone():
    form = EventForm()
    no_autofill(form.fields.values())
    assert 'autocomplete="off"' in str(form["title"])
    assert "autocomplete" not in str(form["role"]) and "autocomplete" not in str(form["consent"])


class FilterForm(forms.Form):
    von = forms.DateField(label="Von", required=False)
    umkreis = forms.IntegerField(label="Umkreis", required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["von"].widget.input_type = "date"


def test_a_dropped_filter_value_is_named_in_a_note_not_put_back_into_its_field():
    query = read_form(FilterQuery, FilterForm, {"von": "gestern", "umkreis": "30"}, ["von", "umkreis"])
    assert query.values == {"umkreis": 30}
    assert query.notes == ["Der Filter „Von“ hatte einen ungültigen Wert und wurde nicht angewendet."]
    shown = str(query.form["von"])
    assert "gestern" not in shown and "aria-invalid" not in shown and 'type="date"' in shown
    assert 'value="30"' in str(query.form["umkreis"])
