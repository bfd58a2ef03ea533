from django import forms
from django.utils.translation import gettext_lazy as _

from core.guards import FormGuard

MAX_MESSAGE_LENGTH = 5000


class RelayContactForm(FormGuard, forms.Form):
    """ "Kontakt aufnehmen": a message to someone whose address the sender never sees."""

    sender_name = forms.CharField(
        label=_("Ihr Name"),
        max_length=100,
        error_messages={"required": _("Bitte geben Sie Ihren Namen an.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    sender_email = forms.EmailField(
        label=_("Ihre E-Mail-Adresse"),
        help_text=_("Wir geben sie nur weiter, wenn Sie das unten erlauben."),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("Ihre Nachricht"),
        max_length=MAX_MESSAGE_LENGTH,
        error_messages={
            "required": _("Bitte schreiben Sie eine Nachricht."),
            "max_length": _("Bitte kürzen Sie Ihre Nachricht auf höchstens %(limit_value)d Zeichen."),
        },
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    share_address = forms.BooleanField(
        label=_("Meine E-Mail-Adresse darf weitergegeben werden, damit man mir direkt antworten kann."),
        help_text=_(
            "Ohne dieses Häkchen erhält die Empfängerseite nur Ihren Namen und Ihre Nachricht, "
            "nicht Ihre Adresse, und kann Ihnen nicht direkt antworten."
        ),
        required=False,
    )
