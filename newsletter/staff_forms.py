from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsletter.interests import InterestsForm
from newsletter.models import Issue

MAX_PDF_MB = 20


class IssueForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    published = forms.BooleanField(
        label=gettext_lazy("Veröffentlicht (im Archiv sichtbar)"),
        required=False,
    )

    class Meta:
        model = Issue
        fields = ["year", "number", "title", "summary", "body", "pdf"]
        help_texts = {
            "body": gettext_lazy(
                "Markdown: **fett**, *kursiv*, Listen mit -, Links als [Text](https://…). HTML wird entfernt."
            ),
            "summary": gettext_lazy("Zwei, drei Sätze für das Archiv und den Feed."),
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body": forms.Textarea(attrs={"rows": 16}),
            "pdf": forms.ClearableFileInput(attrs={"accept": ".pdf"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pdf"].help_text = _("Nur PDF, höchstens %(mb)d MB.") % {"mb": MAX_PDF_MB}
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["published"] = self.instance.published_at is not None

    def clean_pdf(self):
        upload = self.cleaned_data.get("pdf")
        if not upload or not hasattr(upload, "content_type"):
            return upload
        if Path(upload.name).suffix.lower() != ".pdf":
            raise forms.ValidationError(_("Bitte laden Sie eine PDF-Datei hoch (Endung .pdf)."))
        if upload.size > MAX_PDF_MB * 1024 * 1024:
            raise forms.ValidationError(_("Die Datei ist größer als %(mb)d MB.") % {"mb": MAX_PDF_MB})
        upload.seek(0)
        head = upload.read(5)
        upload.seek(0)
        if not head.startswith(b"%PDF"):
            raise forms.ValidationError(_("Der Inhalt ist kein PDF. Speichern Sie die Datei neu als PDF."))
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("body", "").strip() and not data.get("pdf"):
            raise forms.ValidationError(_("Eine Ausgabe braucht einen Text, ein PDF oder beides."))
        return data

    def save(self, commit=True):
        issue = self.instance
        if not issue.slug:
            issue.slug = slugify(f"{issue.year}-{issue.number:02d}")
        if self.cleaned_data["published"] and issue.published_at is None:
            issue.published_at = timezone.now()
        elif not self.cleaned_data["published"]:
            issue.published_at = None
        return super().save(commit=commit)


class SendingForm(InterestsForm):
    """Who gets the issue: subscribers of the chosen regions and topics (none chosen: all)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].help_text = _(
            "Ohne Auswahl: alle Regionen. Wer keine Region gewählt hat, bekommt jede Ausgabe."
        )
        self.fields["topics"].help_text = _(
            "Ohne Auswahl: alle Themen. Wer kein Thema gewählt hat, bekommt jede Ausgabe."
        )
