from django import forms
from django.utils.translation import gettext_lazy as _

from core.guards import FormGuard
from newsletter.interests import InterestsForm
from privacy.consent import ConsentFormMixin


class SignupForm(ConsentFormMixin, FormGuard, InterestsForm):
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["email", "districts", "topics"])


class UnsubscribeForm(forms.Form):
    never_again = forms.BooleanField(
        label=_("Nie wieder: diese Adresse auch künftig nicht mehr anmelden lassen"),
        required=False,
        help_text=_(
            "Wir behalten dann nur einen verschlüsselten Fingerabdruck der Adresse, aus dem sie sich nicht "
            "zurückgewinnen lässt."
        ),
    )
