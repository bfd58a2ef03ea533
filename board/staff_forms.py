from django import forms
from django.utils.translation import gettext_lazy


class ApproveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    trust = forms.BooleanField(
        label=gettext_lazy("Künftige Beiträge dieser Initiative ohne Prüfung veröffentlichen"),
        help_text=gettext_lazy("Gilt nur, wenn sie von der hinterlegten Kontaktadresse der Initiative kommen."),
        required=False,
    )


class RejectForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Begründung für die Person, die den Beitrag geschrieben hat"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Bitte schreiben Sie eine Begründung; sie geht per E-Mail an die Person.")
        },
    )
