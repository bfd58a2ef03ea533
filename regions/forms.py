"""Form fields for places in Saxony, the same in every form that asks for one.

`MunicipalityField` takes a typed name ("Pirna", "Pirna-Copitz", "Bautzen/Budyšin", the start of a
name) and cleans to the municipality's `regions.queries.Place`; an unknown name is refused naming
up to five close matches. The text box offers the names of the `municipality-names` datalist
(the `{% municipality_datalist %}` tag of `regions`). `PostalCodeField` accepts a Saxon postal code.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.queries import find_place

SAXON_POSTAL_CODE = re.compile(r"^0[1-9]\d{3}$")


class MunicipalityField(forms.CharField):
    default_error_messages = {
        "required": _("Geben Sie die Gemeinde an, zum Beispiel „Pirna“."),
        "unknown": _("Wir kennen keine sächsische Gemeinde „%(name)s“. Wählen Sie eine Gemeinde aus der Liste."),
        "suggest": _("Wir kennen keine sächsische Gemeinde „%(name)s“. Meinten Sie: %(options)s?"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Gemeinde"))
        kwargs.setdefault("max_length", 100)
        kwargs.setdefault("help_text", _("Die sächsische Stadt oder Gemeinde, z. B. Pirna oder Bautzen."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"list": "municipality-names", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # A municipality (model or Place) as initial value is shown by its name.
        return getattr(value, "name", value)

    def clean(self, value):
        name = super().clean(value)
        if not name:
            return None
        lookup = find_place(name)
        if lookup.place is not None:
            return lookup.place
        if lookup.suggestions:
            params = {"name": name, "options": ", ".join(lookup.suggestions)}
            raise forms.ValidationError(self.error_messages["suggest"], code="unknown", params=params)
        raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"name": name})


class PostalCodeField(forms.CharField):
    default_error_messages = {
        "required": _("Geben Sie die Postleitzahl ein."),
        "invalid": _("Geben Sie eine sächsische Postleitzahl mit fünf Ziffern ein, z. B. 01796."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Postleitzahl"))
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}))
        super().__init__(**kwargs)

    def clean(self, value):
        code = super().clean(value)
        if code and not SAXON_POSTAL_CODE.match(code):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return code
