"""The consultation log form: categories only, so a name has nowhere to go."""

import re
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from directory.models import Organization
from events.models import Language, Topic
from multipliers.models import LISTING_CONSENT_TEXT, Advised, Duration
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
        return date(int(year), int(month), 1)

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


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Anzeigename"), max_length=80, help_text=_("Zum Beispiel Vorname und Initial.")
    )
    place = forms.CharField(label=_("Gemeinde"), max_length=100, help_text=_("Nur die Gemeinde, keine Adresse."))
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Topic.objects.filter(archived=False),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Sprachen"),
        queryset=Language.objects.filter(archived=False),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    how_i_help = forms.CharField(
        label=_("So kann ich helfen"), max_length=600, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    availability = forms.CharField(
        label=_("Erreichbarkeit"),
        max_length=200,
        required=False,
        help_text=_("Zum Beispiel „meist abends und am Wochenende“."),
    )
    listed = forms.BooleanField(label=_("Mein Profil öffentlich zeigen"), required=False)
    listing_consent = forms.BooleanField(label=LISTING_CONSENT_TEXT, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, already_listed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.already_listed = already_listed
        if already_listed:
            del self.fields["listing_consent"]  # given when the listing was switched on

    def clean_place(self):
        found = find_place(self.cleaned_data["place"]).place
        if found is None:
            raise forms.ValidationError(_("Diese Gemeinde in Sachsen kennen wir nicht. Prüfen Sie die Schreibweise."))
        return found

    def clean(self):
        data = super().clean()
        place = data.pop("place", None)
        data["municipality"] = Municipality.objects.get(pk=place.id) if place else None
        if data.get("listed") and not self.already_listed and not data.get("listing_consent"):
            self.add_error("listing_consent", _("Bitte stimmen Sie zu, damit wir Ihr Profil öffentlich zeigen dürfen."))
        return data
