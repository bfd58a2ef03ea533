from django import forms
from django.utils.translation import gettext_lazy as _


class PersonLookupForm(forms.Form):
    """The staff tool: the address from a request that arrived by e-mail. Sent by POST, so the
    address never appears in a URL or a server log."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse der anfragenden Person"),
        help_text=_("Genau so, wie sie in der Anfrage steht. Groß- und Kleinschreibung spielt keine Rolle."),
        error_messages={
            "required": _("Bitte geben Sie die E-Mail-Adresse aus der Anfrage ein."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )


class EraseConfirmForm(PersonLookupForm):
    email = forms.EmailField(widget=forms.HiddenInput)
    confirmed = forms.BooleanField(
        label=_("Ich habe geprüft, dass die Anfrage von dieser Adresse kommt."),
        error_messages={"required": _("Bitte bestätigen Sie, dass Sie die Herkunft der Anfrage geprüft haben.")},
    )
