"""Recording consent to the privacy notice: which version was shown, and when the person agreed.

Usage in any form (registration, newsletter, relay contact)::

    class RegistrationForm(ConsentFormMixin, forms.Form): ...

    form.consent()               # -> Consent(version=3, at=datetime) after is_valid()
    Registration(..., **form.consent().as_fields())   # model inheriting privacy.models.ConsentFields

The version travels in a hidden field, so the record names the text the person actually saw
even if a new version is published while the form is open.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from privacy.models import PrivacyNotice
from privacy.queries import current_notice


@dataclass(frozen=True)
class Consent:
    version: int
    at: datetime

    def as_fields(self):
        return {"privacy_notice_version": self.version, "privacy_consented_at": self.at}


def _consent_label():
    return format_html(
        _(
            "Ich habe die {link}Datenschutzerklärung{end} gelesen und bin mit der Verarbeitung meiner Angaben "
            "einverstanden."
        ),
        link=format_html('<a href="{}">', reverse("privacy:notice")),
        end=mark_safe("</a>"),
    )


# SafeString as result class keeps the link markup when the label is rendered.
consent_label = lazy(_consent_label, SafeString)


class ConsentFormMixin(forms.Form):
    privacy_consent = forms.BooleanField(
        label=consent_label(),
        error_messages={
            "required": gettext_lazy("Bitte bestätigen Sie, dass Sie die Datenschutzerklärung gelesen haben.")
        },
    )
    privacy_notice_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # a form sent carries the version it showed (checked in clean)
            notice = current_notice()
            self.fields["privacy_notice_version"].initial = notice.version if notice else None

    def clean_privacy_notice_version(self):
        version = self.cleaned_data.get("privacy_notice_version")
        published = PrivacyNotice.objects.published().filter(version=version).exists() if version else False
        if not published:
            # A tampered or missing value: record the version that is current now.
            notice = current_notice()
            version = notice.version if notice else None
        return version

    def consent(self, now=None) -> Consent:
        return Consent(version=self.cleaned_data["privacy_notice_version"], at=now or timezone.now())
