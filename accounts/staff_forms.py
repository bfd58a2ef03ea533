"""Forms of the accounts page (/team/konten/): invite, change role, and the version every action carries."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User


def _partner_organisations(keep=None):
    """Partners to choose from: the ones not archived, and the account's own even if archived since.

    events.Partner, reached through the account's field: accounts names events only by string.
    """
    partners = User._meta.get_field("partner_organisation").related_model.objects
    shown = Q(archived=False) | Q(pk=keep) if keep else Q(archived=False)
    return partners.filter(shown).order_by("name")


class VersionForm(forms.Form):
    """The account's version when the page was shown: a change by someone else in between is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class _RoleFields(forms.Form):
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=User.Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Wählen Sie eine Rolle.")},
    )
    partner_organisation = forms.ModelChoiceField(
        label=_("Partnerorganisation"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Nur für die Rolle Partnerorganisation: deren gemeinsame Veranstaltungen sieht das Konto."),
        empty_label=_("– keine –"),
    )

    def __init__(self, *args, current_partner_id=None, **kwargs):
        self.current_partner_id = current_partner_id
        super().__init__(*args, **kwargs)
        self.fields["partner_organisation"].queryset = _partner_organisations(keep=self.current_partner_id)

    def clean(self):
        data = super().clean()
        if data.get("role") == User.Role.PARTNER and not data.get("partner_organisation"):
            self.add_error(
                "partner_organisation",
                _("Wählen Sie die Partnerorganisation, zu der dieses Konto gehört."),
            )
        elif data.get("role") != User.Role.PARTNER:
            data["partner_organisation"] = None
        return data


class InviteForm(_RoleFields):
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        max_length=254,
        help_text=_("An diese Adresse geht der Link, mit dem die Person ihr Passwort festlegt."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Geben Sie die E-Mail-Adresse der Person ein."),
            "invalid": _("Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
        },
    )

    field_order = ["first_name", "last_name", "email", "role", "partner_organisation"]

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("Für diese Adresse gibt es schon ein Konto. Sie finden es in der Liste der Konten.")
            )
        return email


class RoleForm(_RoleFields, VersionForm):
    pass
