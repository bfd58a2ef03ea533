from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.guards import FormGuard
from network.models import Initiative
from privacy.consent import ConsentFormMixin
from regions.forms import MunicipalityField

REQUIRED_MESSAGES = {
    "name": gettext_lazy("Bitte geben Sie den Namen der Initiative an."),
    "focus": gettext_lazy("Bitte nennen Sie in ein paar Worten, wofür sich die Initiative einsetzt."),
    "contact_email": gettext_lazy("Bitte geben Sie eine E-Mail-Adresse an, über die die Initiative erreichbar ist."),
}


class InitiativeForm(forms.ModelForm):
    """The fields an initiative presents; shared by the public proposal and the staff edit page."""

    place = MunicipalityField(
        help_text=gettext_lazy("Die sächsische Stadt oder Gemeinde, in der die Initiative aktiv ist."),
    )

    website = forms.URLField(
        label=gettext_lazy("Website"),
        required=False,
        assume_scheme="https",
        help_text=gettext_lazy("Zum Beispiel https://www.beispiel.de."),
    )

    class Meta:
        model = Initiative
        fields = ["name", "kind", "focus", "description", "how_to_join", "meeting_times", "website", "contact_email"]
        help_texts = {
            "focus": gettext_lazy("Zum Beispiel: Sprachcafé, Begleitung zu Behörden, Fahrradwerkstatt."),
            "meeting_times": gettext_lazy("Zum Beispiel: jeden Dienstag 17–19 Uhr im Gemeindehaus."),
            "contact_email": gettext_lazy(
                "Wird nie veröffentlicht. Nachrichten aus dem Kontaktformular leiten wir an diese Adresse weiter."
            ),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "how_to_join": forms.Textarea(attrs={"rows": 3}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in REQUIRED_MESSAGES.items():
            self.fields[name].error_messages["required"] = message
        self.fields["contact_email"].error_messages["invalid"] = _(
            "Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an."
        )
        self.fields["website"].error_messages["invalid"] = _(
            "Bitte geben Sie eine vollständige Adresse an, zum Beispiel https://www.beispiel.de."
        )
        if self.instance.pk and not self.is_bound:
            self.initial["place"] = self.instance.municipality
        self.order_fields(["name", "kind", "place"])

    def clean_place(self):
        place = self.cleaned_data["place"]
        self.instance.municipality_id = place.id
        return place


class ProposalForm(ConsentFormMixin, FormGuard, InitiativeForm):
    """The public "Initiative vorschlagen" form; records which privacy notice the proposer accepted."""
