"""The request form (public and for partner accounts), the requester's reply and the team's forms."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.guards import FormGuard
from events.models import TargetGroup, Topic
from privacy.consent import ConsentFormMixin
from regions.forms import MunicipalityField
from training_requests.models import TrainingRequest

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

REQUIRED_MESSAGES = {
    "organisation": gettext_lazy("Bitte geben Sie den Namen Ihrer Organisation an."),
    "kind": gettext_lazy("Bitte wählen Sie, was für eine Organisation Sie sind."),
    "contact_name": gettext_lazy("Bitte nennen Sie eine Ansprechperson."),
    "contact_email": gettext_lazy("Bitte geben Sie eine E-Mail-Adresse an, damit wir antworten können."),
    "expected_participants": gettext_lazy("Bitte schätzen Sie, wie viele Personen teilnehmen werden."),
}
WINDOWS = (1, 2, 3)


class RequestForm(forms.ModelForm):
    # The place lookup of every form that asks for one: part names such as "Zittau-Hirschfelde"
    # resolve to the municipality, a wrong name is refused naming close matches.
    place = MunicipalityField(
        help_text=gettext_lazy("Die sächsische Stadt oder Gemeinde, in der die Schulung stattfinden soll."),
        error_messages={"required": gettext_lazy("Bitte geben Sie die Gemeinde an, zum Beispiel „Zittau“.")},
    )

    class Meta:
        model = TrainingRequest
        fields = [
            "organisation",
            "kind",
            "contact_name",
            "contact_email",
            "contact_phone",
            "wished_period",
            "window1_start",
            "window1_end",
            "window2_start",
            "window2_end",
            "window3_start",
            "window3_end",
            "expected_participants",
            "topics",
            "topics_other",
            "target_groups",
            "languages_needed",
            "room",
            "room_accessibility",
            "local_partners",
            "message",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "room": forms.RadioSelect,
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "local_partners": forms.Textarea(attrs={"rows": 3}),
            "message": forms.Textarea(attrs={"rows": 5}),
            **{f"window{n}_{edge}": DATE for n in WINDOWS for edge in ("start", "end")},
        }
        help_texts = {
            "wished_period": gettext_lazy("Zum Beispiel: „Frühjahr 2027“ oder „ein Samstag im März“."),
            "topics_other": gettext_lazy("Was Sie außerdem interessiert, in eigenen Worten."),
            "languages_needed": gettext_lazy("Zum Beispiel: Dolmetschen ins Arabische, Leichte Sprache."),
            "room_accessibility": gettext_lazy("Zum Beispiel: ebenerdig, Aufzug, barrierefreie Toilette."),
            "local_partners": gettext_lazy("Wer vor Ort ist noch beteiligt?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        self.fields["contact_email"].required = True
        self.fields["contact_email"].error_messages["invalid"] = _(
            "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an."
        )
        self.fields["expected_participants"].error_messages["invalid"] = _("Bitte geben Sie eine ganze Zahl an.")
        self.fields["expected_participants"].widget.attrs["min"] = 1
        self.fields["topics"].queryset = Topic.objects.filter(archived=False)
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(archived=False)
        self.fields["kind"].choices = TrainingRequest.Kind.choices
        self.fields["room"].choices = TrainingRequest.Room.choices
        for n in WINDOWS:
            for edge in ("start", "end"):
                self.fields[f"window{n}_{edge}"].error_messages["invalid"] = _(
                    "Bitte geben Sie ein Datum an, zum Beispiel 14.03.2027."
                )
        self.order_fields(["organisation", "kind", "place"])

    def clean_place(self):
        place = self.cleaned_data["place"]
        self.instance.municipality_id = place.id
        return place

    def clean_expected_participants(self):
        value = self.cleaned_data["expected_participants"]
        if value is not None and not 1 <= value <= 500:
            raise forms.ValidationError(_("Bitte geben Sie eine Zahl zwischen 1 und 500 an."))
        return value

    def clean(self):
        data = super().clean()
        for n in WINDOWS:
            start, end = data.get(f"window{n}_start"), data.get(f"window{n}_end")
            if end and not start:
                self.add_error(f"window{n}_start", _("Bitte geben Sie auch an, ab wann das Zeitfenster gilt."))
            elif start and end and end < start:
                self.add_error(f"window{n}_end", _("Das Ende des Zeitfensters liegt vor seinem Anfang."))
        return data


class PublicRequestForm(ConsentFormMixin, FormGuard, RequestForm):
    """„Schulung anfragen“ without an account: double opt-in, consent, honeypot, form token."""


class PartnerRequestForm(FormGuard, RequestForm):
    """The same form for a logged-in partner account (its address needs no confirmation)."""


class ReplyForm(FormGuard, forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Ihre Antwort"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": gettext_lazy("Bitte schreiben Sie eine Nachricht.")},
    )
