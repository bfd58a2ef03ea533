"""Form helpers for a typed municipality (the same answer in every form that asks for a place)."""

from django import forms
from django.utils.translation import gettext as _

from regions.queries import Place, find_place


def place_or_error(name: str) -> Place:
    """The municipality typed as `name`, or a ValidationError that names close matches."""
    lookup = find_place(name)
    if lookup.place is not None:
        return lookup.place
    if lookup.suggestions:
        raise forms.ValidationError(
            _("Wir kennen keine sächsische Gemeinde „%(name)s“. Meinten Sie: %(options)s?")
            % {"name": name, "options": ", ".join(lookup.suggestions)}
        )
    raise forms.ValidationError(
        _("Wir kennen keine sächsische Gemeinde „%(name)s“. Bitte wählen Sie eine Gemeinde aus der Liste.")
        % {"name": name}
    )
