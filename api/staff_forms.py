from django import forms
from django.utils.translation import gettext_lazy as _

from api.scopes import scopes_for

DAY_CHOICES = [(30, _("30 Tage")), (90, _("90 Tage")), (180, _("180 Tage")), (365, _("1 Jahr"))]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Wofür der Token ist, z. B. „Website des Landkreises“."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("Berechtigungen"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Nur was die Anwendung braucht. Personenbezogene Daten sieht der Token nur, wo Ihr Konto sie sieht."
        ),
    )
    days = forms.TypedChoiceField(label=_("Gültig für"), choices=DAY_CHOICES, coerce=int, initial=90)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scopes"].choices = [(scope.key, f"{scope.key}: {scope.label}") for scope in scopes_for(user)]
