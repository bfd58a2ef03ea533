"""The report form: a GET form whose every mistake gets a message on the form, never an error page."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from regions.models import District
from reports.periods import period_before, presets, year_before
from reports.queries import Scope

DATE_ERRORS = {"invalid": _("Bitte geben Sie ein Datum wie 2026-01-31 ein.")}
LONGEST = timedelta(days=20 * 366)
MAP_FIGURES = [
    ("teilnehmende", _("Teilnehmer_innen (bestätigt)")),
    ("angebote", _("Angebote (durchgeführt)")),
    ("beratungen", _("Beratungen")),
]


class ReportForm(forms.Form):
    zeitraum = forms.ChoiceField(
        label=_("Zeitraum"),
        required=False,
        error_messages={"invalid_choice": _("Diesen Zeitraum gibt es in der Liste nicht. Bitte wählen Sie einen aus.")},
    )
    von = forms.DateField(
        label=_("Von"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
        help_text=_("Nur wenn oben „selbst wählen“ steht."),
    )
    bis = forms.DateField(
        label=_("Bis (einschließlich)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    landkreis = forms.MultipleChoiceField(
        label=_("Landkreise"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl: ganz Sachsen."),
        error_messages={
            "invalid_choice": _("Den Landkreis „%(value)s“ gibt es nicht. Bitte wählen Sie aus der Liste.")
        },
    )
    art = forms.MultipleChoiceField(
        label=_("Arten von Angeboten"),
        required=False,
        choices=Event.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl: alle Arten."),
        error_messages={"invalid_choice": _("Die Art „%(value)s“ gibt es nicht. Bitte wählen Sie aus der Liste.")},
    )
    vergleich = forms.ChoiceField(
        label=_("Vergleichen mit"),
        required=False,
        choices=[
            ("", _("keinem Zeitraum")),
            ("vorjahr", _("denselben Tagen ein Jahr davor")),
            ("davor", _("dem gleich langen Zeitraum davor")),
        ],
    )
    karte = forms.ChoiceField(label=_("Karte schattiert nach"), required=False, choices=MAP_FIGURES)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.presets = {value: (start, end) for value, _label, start, end in presets(timezone.localdate())}
        self.fields["zeitraum"].choices = [("", _("selbst wählen"))] + [
            (value, label) for value, label, _s, _e in presets(timezone.localdate())
        ]
        self.fields["bis"].error_messages.update(DATE_ERRORS)
        self.districts = {d.slug: d for d in District.objects.order_by("name")}
        self.fields["landkreis"].choices = [(slug, d.name) for slug, d in self.districts.items()]

    def clean(self):
        data = super().clean()
        if data.get("zeitraum"):
            data["von"], data["bis"] = self.presets[data["zeitraum"]]
        elif "von" in data and "bis" in data:
            if not data["von"] or not data["bis"]:
                raise forms.ValidationError(
                    _("Bitte wählen Sie einen Zeitraum aus der Liste oder geben Sie „Von“ und „Bis“ an.")
                )
            if data["bis"] < data["von"]:
                self.add_error("bis", _("„Bis“ liegt vor „Von“. Bitte geben Sie ein Ende nach dem Beginn an."))
            elif data["bis"] - data["von"] > LONGEST:
                self.add_error("bis", _("Ein Bericht umfasst höchstens 20 Jahre. Bitte wählen Sie ein früheres Ende."))
        return data

    def scope(self, *, partner_id=None):
        data = self.cleaned_data
        districts = tuple(self.districts[slug].pk for slug in data["landkreis"])
        return Scope(data["von"], data["bis"], districts, tuple(data["art"]), partner_id)

    def comparison(self, scope):
        """The scope of the comparison period, or None."""
        choice = self.cleaned_data.get("vergleich")
        if not choice:
            return None
        shifted = year_before if choice == "vorjahr" else period_before
        return scope.with_period(*shifted(scope.start, scope.end))

    def map_figure(self):
        return self.cleaned_data.get("karte") or "teilnehmende"


def default_form():
    """The form as the page first shows it: last calendar year."""
    return ReportForm({"zeitraum": f"jahr-{timezone.localdate().year - 1}"})
