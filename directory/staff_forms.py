"""The team's forms for the Wegweiser: organisation, service (with its formsets) and the list search."""

import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.hours import WEEKDAY_NAMES, WEEKDAYS, parse_byday
from directory.models import Language, Organization, Phone, Schedule, Service, TaxonomyTerm
from regions.forms import MunicipalityField, PostalCodeField
from regions.models import District


class VersionForm(forms.Form):
    """The version the page was opened with: two people editing the same entry do not overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ListSearchForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    pruefen = forms.BooleanField(label=_("Nur Einträge, die seit 12 Monaten nicht geprüft wurden"), required=False)


def _formfield(field, **kwargs):
    """Model fields as form fields; a web address typed without scheme means https."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        formfield_callback = _formfield
        fields = ["name", "alternate_name", "description", "email", "website", "legal_status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        error_messages = {"name": {"required": _("Geben Sie den Namen der Organisation ein.")}}


class ServiceForm(forms.ModelForm):
    topic_terms = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=TaxonomyTerm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    statewide = forms.BooleanField(label=_("In ganz Sachsen zuständig"), required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Zuständig für die Landkreise und Kreisfreien Städte"),
        queryset=District.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        formfield_callback = _formfield
        fields = [
            "organization",
            "name",
            "alternate_name",
            "status",
            "description",
            "alert",
            "eligibility_description",
            "application_process",
            "fees_description",
            "interpretation_services",
            "url",
            "email",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in [
                "description",
                "alert",
                "eligibility_description",
                "application_process",
                "fees_description",
                "interpretation_services",
            ]
        }
        error_messages = {
            "name": {"required": _("Geben Sie den Namen des Angebots ein.")},
            "organization": {"required": _("Wählen Sie die Organisation, die das Angebot trägt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.order_by("name", "id")
        self.fields["topic_terms"].queryset = TaxonomyTerm.objects.order_by("name", "id")
        self.fields["districts"].queryset = District.objects.order_by("name")
        service = self.instance
        if not service._state.adding and not self.is_bound:
            areas = list(service.service_areas.all())
            self.initial["topic_terms"] = [a.taxonomy_term_id for a in service.attributes.all()]
            self.initial["districts"] = [a.district_id for a in areas if a.district_id]
            self.initial["statewide"] = any(a.statewide for a in areas)


class PhoneForm(forms.ModelForm):
    class Meta:
        model = Phone
        fields = ["number", "extension", "description"]
        error_messages = {"number": {"required": _("Geben Sie die Telefonnummer ein, z. B. 0351 123456.")}}


class ScheduleForm(forms.ModelForm):
    days = forms.MultipleChoiceField(
        label=_("Wochentage"),
        choices=[(code, WEEKDAY_NAMES[code]) for code in WEEKDAYS],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Wählen Sie mindestens einen Wochentag.")},
    )

    class Meta:
        model = Schedule
        fields = ["opens_at", "closes_at", "description"]
        widgets = {
            "opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }
        error_messages = {
            "opens_at": {
                "required": _("Geben Sie an, ab wann geöffnet ist, z. B. 09:00."),
                "invalid": _("Geben Sie die Uhrzeit wie 09:30 ein."),
            },
            "closes_at": {
                "required": _("Geben Sie an, bis wann geöffnet ist, z. B. 17:00."),
                "invalid": _("Geben Sie die Uhrzeit wie 09:30 ein."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["days", "opens_at", "closes_at", "description"])
        if not self.instance._state.adding and not self.is_bound:
            self.initial["days"] = parse_byday(self.instance.byday)

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Die Schließzeit muss nach der Öffnungszeit liegen."))
        if data.get("days"):
            self.instance.byday = ",".join(code for code in WEEKDAYS if code in data["days"])
        return data


class LanguageForm(forms.ModelForm):
    class Meta:
        model = Language
        fields = ["name", "code"]
        help_texts = {"code": _("Zwei Buchstaben, z. B. de, en, ar, uk.")}
        error_messages = {
            "name": {"required": _("Geben Sie die Sprache an, z. B. Arabisch.")},
            "code": {"required": _("Geben Sie den Sprachcode an, z. B. ar.")},
        }

    def clean_code(self):
        code = self.cleaned_data["code"].strip().lower()
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise forms.ValidationError(_("Geben Sie den Sprachcode mit zwei oder drei Buchstaben ein, z. B. ar."))
        return code


class LocationForm(forms.Form):
    """One place where the service is offered: the location, its postal address and accessibility."""

    name = forms.CharField(
        label=_("Name des Standorts"),
        max_length=200,
        error_messages={"required": _("Geben Sie den Namen des Standorts ein, z. B. „Büro Pirna“.")},
    )
    address_1 = forms.CharField(
        label=_("Straße und Hausnummer"),
        max_length=200,
        error_messages={"required": _("Geben Sie Straße und Hausnummer ein.")},
    )
    address_2 = forms.CharField(label=_("Adresszusatz"), max_length=200, required=False)
    postal_code = PostalCodeField()
    city = forms.CharField(
        label=pgettext_lazy("address", "Ort"),
        max_length=100,
        error_messages={"required": _("Geben Sie den Ort der Postanschrift ein.")},
    )
    place = MunicipalityField()
    transportation = forms.CharField(
        label=_("Anreise mit Bus und Bahn"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    accessibility = forms.CharField(
        label=_("Barrierefreiheit"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def location_initial(service) -> list[dict]:
    """The service's locations as the location formset's initial rows (in the order of their links)."""
    rows = []
    for link in service.service_at_locations.all():
        location = link.location
        address = next(iter(location.addresses.all()), None)
        accessibility = next(iter(location.accessibility.all()), None)
        rows.append(
            {
                "location_id": location.pk,
                "name": location.name,
                "address_1": address.address_1 if address else "",
                "address_2": address.address_2 if address else "",
                "postal_code": address.postal_code if address else "",
                "city": address.city if address else "",
                "place": location.municipality.name,
                "transportation": location.transportation,
                "accessibility": accessibility.description if accessibility else "",
            }
        )
    return rows


PhoneFormSet = forms.inlineformset_factory(Service, Phone, form=PhoneForm, extra=1, can_delete=True)
ScheduleFormSet = forms.inlineformset_factory(Service, Schedule, form=ScheduleForm, extra=2, can_delete=True)
LanguageFormSet = forms.inlineformset_factory(Service, Language, form=LanguageForm, extra=1, can_delete=True)
LocationFormSet = forms.formset_factory(LocationForm, extra=1, can_delete=True)


class ServiceForms:
    """The service form and its formsets, bound together: one `is_valid()` for the whole page."""

    def __init__(self, data, *, service):
        self.service = service
        self.form = ServiceForm(data, instance=service)
        initial = [] if service._state.adding else location_initial(service)
        self.locations = LocationFormSet(data, initial=initial, prefix="standorte")
        self.phones = PhoneFormSet(data, instance=service, prefix="telefon")
        self.schedules = ScheduleFormSet(data, instance=service, prefix="zeiten")
        self.languages = LanguageFormSet(data, instance=service, prefix="sprachen")

    @property
    def formsets(self):
        return [self.locations, self.phones, self.schedules, self.languages]

    @property
    def parts(self):
        """What the page shows of each formset: heading, row title, rows with "already saved", delete label."""
        texts = [
            (_("Standorte"), _("Standort"), _("Diesen Standort entfernen")),
            (_("Telefon"), _("Telefon"), _("Diese Nummer entfernen")),
            (_("Öffnungszeiten"), _("Öffnungszeit"), _("Diese Öffnungszeit entfernen")),
            (_("Sprachen"), _("Sprache"), _("Diese Sprache entfernen")),
        ]
        return [
            {
                "heading": heading,
                "title": title,
                "delete_label": delete_label,
                "formset": formset,
                "rows": [(row, index < formset.initial_form_count()) for index, row in enumerate(formset.forms)],
            }
            for formset, (heading, title, delete_label) in zip(self.formsets, texts, strict=True)
        ]

    @property
    def has_errors(self):
        return bool(self.form.errors) or any(f.total_error_count() or f.non_form_errors() for f in self.formsets)

    def municipality_areas(self):
        """Areas of single municipalities (from an import): shown, kept, not editable here."""
        if self.service._state.adding:
            return []
        return [area.name for area in self.service.service_areas.all() if area.municipality_id]

    def is_valid(self):
        results = [self.form.is_valid()] + [formset.is_valid() for formset in self.formsets]
        return all(results)

    def location_rows(self):
        """[(location id or None, cleaned data or None to remove it)] for the rows that say something."""
        rows = []
        for form in self.locations.forms:
            location_id = form.initial.get("location_id")
            if self.locations.can_delete and self.locations._should_delete_form(form):
                if location_id:
                    rows.append((location_id, None))
            elif location_id or form.has_changed():
                rows.append((location_id, form.cleaned_data))
        return rows
