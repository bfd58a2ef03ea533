from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form with our words; the field stays named `username` (django-axes reads it)."""

    error_messages = {
        "invalid_login": _(
            "E-Mail-Adresse oder Passwort stimmen nicht. Prüfen Sie beides (auch die Groß- und "
            "Kleinschreibung) oder setzen Sie Ihr Passwort zurück."
        ),
        "inactive": _("Dieses Konto ist gesperrt. Bitte wenden Sie sich an das Projektteam."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-Mail-Adresse")
        self.fields["username"].widget = forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True})
        self.fields["username"].error_messages["required"] = _("Geben Sie Ihre E-Mail-Adresse ein.")
        self.fields["password"].label = _("Passwort")
        self.fields["password"].error_messages["required"] = _("Geben Sie Ihr Passwort ein.")


def normalise_code(value):
    return "".join(value.split()).replace("-", "").lower()


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Bestätigungscode"),
        help_text=_("Die 6 Ziffern aus Ihrer Authenticator-App oder einer Ihrer Wiederherstellungscodes."),
        max_length=40,
        error_messages={"required": _("Geben Sie den Code aus Ihrer Authenticator-App ein.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )

    def clean_code(self):
        return normalise_code(self.cleaned_data["code"])


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code aus der App"),
        help_text=_("Die 6 Ziffern, die Ihre Authenticator-App jetzt für dieses Konto anzeigt."),
        max_length=12,
        error_messages={"required": _("Geben Sie die 6 Ziffern aus Ihrer Authenticator-App ein.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Der Code hat 6 Ziffern. Geben Sie nur die Ziffern ein."))
        return code


class PasswordResetRequestForm(forms.Form):
    """The address to send a reset link to (the link is sent by a background job, see services)."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Geben Sie die E-Mail-Adresse Ihres Kontos ein."),
            "invalid": _("Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
        },
    )
