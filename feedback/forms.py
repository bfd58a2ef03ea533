from django import forms
from django.utils.translation import gettext_lazy as _

SCALE = [
    (5, _("5 – sehr gut")),
    (4, _("4 – gut")),
    (3, _("3 – mittel")),
    (2, _("2 – weniger gut")),
    (1, _("1 – schlecht")),
]


class AnswerForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("Wie war die Veranstaltung insgesamt?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Bewertung von 1 bis 5.")},
    )
    usefulness = forms.TypedChoiceField(
        label=_("Wie nützlich ist das Gelernte für Ihr Engagement?"),
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Bewertung von 1 bis 5.")},
    )
    improve = forms.CharField(
        label=_("Was können wir besser machen?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Bitte keine Namen anderer Personen nennen."),
        error_messages={"max_length": _("Bitte kürzen Sie Ihre Antwort auf höchstens %(limit_value)d Zeichen.")},
    )
    topics_wanted = forms.CharField(
        label=_("Welche Themen wünschen Sie sich als Nächstes?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("Bitte kürzen Sie Ihre Antwort auf höchstens %(limit_value)d Zeichen.")},
    )


class PeriodForm(forms.Form):
    von = forms.DateField(
        label=_("Von (Beginn der Veranstaltung)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Bitte geben Sie ein Datum wie 2026-01-31 ein.")},
    )
    bis = forms.DateField(
        label=_("Bis"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Bitte geben Sie ein Datum wie 2026-12-31 ein.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["von"] > data["bis"]:
            raise forms.ValidationError(_("„Von“ liegt nach „Bis“. Bitte tauschen Sie die beiden Daten."))
        return data
