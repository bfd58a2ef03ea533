"""The consultation log form: categories only, so a name has nowhere to go."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organization
from events.models import Topic
from multipliers.models import Advised, Duration
from regions.models import District, Municipality
from regions.queries import find_place

# An e-mail address or a phone number in the one text field means someone typed a person.
CONTACT_LIKE = re.compile(r"@|\d[\d\s/()+-]{5,}\d")


def month_choices(today=None, count=13):
    today = today or timezone.localdate()
    choices, year, month = [], today.year, today.month
    for _index in range(count):
        choices.append((f"{year:04d}-{month:02d}", f"{month:02d}/{year}"))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return choices


class ConsultationForm(forms.Form):
    month = forms.ChoiceField(label=_("Monat"))
    district = forms.ModelChoiceField(label=_("Landkreis"), queryset=District.objects.order_by("short_name"))
    place = forms.CharField(
        label=_("Gemeinde"),
        required=False,
        max_length=100,
        help_text=_("Nur die Gemeinde, keine Adresse."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Topic.objects.filter(archived=False),
        widget=forms.CheckboxSelectMultiple,
    )
    advised = forms.ChoiceField(label=_("Beraten wurde"), choices=Advised.choices, widget=forms.RadioSelect)
    agency = forms.ModelChoiceField(
        label=_("Weiterverwiesen an (Wegweiser)"),
        queryset=Organization.objects.order_by("name"),
        required=False,
    )
    other_agency = forms.CharField(
        label=_("Andere Fachstelle"),
        required=False,
        max_length=120,
        help_text=_("Nur wenn die Fachstelle nicht im Wegweiser steht: ihr Name, keine Personen."),
    )
    duration = forms.ChoiceField(label=_("Dauer"), choices=Duration.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = month_choices()
        self.fields["month"].initial = self.fields["month"].choices[0][0]

    def clean_month(self):
        year, month = self.cleaned_data["month"].split("-")
        return timezone.datetime(int(year), int(month), 1).date()

    def clean_other_agency(self):
        text = " ".join(self.cleaned_data["other_agency"].split())
        if CONTACT_LIKE.search(text):
            raise forms.ValidationError(
                _("Bitte nur den Namen der Fachstelle, ohne E-Mail-Adresse oder Telefonnummer.")
            )
        return text

    def clean(self):
        data = super().clean()
        place, district = data.get("place"), data.get("district")
        data["municipality"] = None
        if place and district:
            found = find_place(place).place
            if found is None or found.district_id != district.pk:
                self.add_error(
                    "place", _("Diese Gemeinde kennen wir im gewählten Landkreis nicht. Prüfen Sie die Schreibweise.")
                )
            else:
                data["municipality"] = Municipality.objects.get(pk=found.id)
        return data
