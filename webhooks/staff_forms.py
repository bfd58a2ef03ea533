from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from webhooks.models import EventType


class SubscriptionForm(forms.Form):
    url = forms.URLField(
        label=_("Adresse (URL)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Hierhin senden wir jedes Ereignis als POST mit JSON, signiert nach „Standard Webhooks“."),
    )
    event_types = forms.MultipleChoiceField(
        label=_("Ereignisse"), choices=EventType.choices, widget=forms.CheckboxSelectMultiple
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if not url.startswith("https://") and not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
            raise forms.ValidationError(_("Bitte eine Adresse mit https:// angeben."))
        return url
