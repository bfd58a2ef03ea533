"""The team's forms for the knowledge base: article, version, download upload, list search."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.uploads import UploadRules, check_upload
from events.models import Topic
from knowledge.models import Article

MAX_DOWNLOAD_MB = 20
# Extension -> the content type stored and served. Only PDF for now.
DOWNLOAD_TYPES = {".pdf": "application/pdf"}
DOWNLOAD_RULES = UploadRules(
    types={".pdf": (b"%PDF-",)},
    max_mb=MAX_DOWNLOAD_MB,
    wrong_type=_("Dateien vom Typ „%(ext)s“ sind nicht erlaubt. Laden Sie eine PDF-Datei hoch."),
    too_large=_("Die Datei ist %(size)s groß, erlaubt sind höchstens %(mb)d MB. Verkleinern oder teilen Sie sie."),
    wrong_content=_("Der Inhalt ist keine PDF-Datei, obwohl sie auf „%(ext)s“ endet. Speichern Sie sie als PDF neu."),
)


class VersionForm(forms.Form):
    """The version the page was opened with: two people editing the same article do not overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ListSearchForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("alle")), *Article.Status.choices])


class ArticleForm(forms.ModelForm):
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=Topic.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Dieselben Themen wie im Veranstaltungskalender: der Artikel verweist auf passende Angebote."),
    )

    class Meta:
        model = Article
        fields = ["title", "summary", "language", "topics", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18}), "summary": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "title": {"required": _("Geben Sie einen Titel ein.")},
            "summary": {
                "required": _("Geben Sie eine Kurzfassung in ein, zwei Sätzen ein."),
                "max_length": _("Die Kurzfassung ist zu lang: höchstens %(limit_value)d Zeichen."),
            },
            "body": {"required": _("Schreiben Sie den Text des Artikels.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kept = Q(archived=False)
        if self.instance.pk:
            kept |= Q(articles=self.instance)
        self.fields["topics"].queryset = Topic.objects.filter(kept).distinct().order_by("name")


class DownloadForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geben Sie einen Titel ein, unter dem die Datei erscheint.")},
    )
    file = forms.FileField(
        label=_("Datei"),
        max_length=100,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        error_messages={
            "required": _("Wählen Sie eine PDF-Datei aus."),
            "empty": _("Die Datei ist leer. Wählen Sie eine andere Datei."),
            "max_length": _("Der Dateiname ist zu lang. Benennen Sie die Datei kürzer und laden Sie sie erneut."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, höchstens %(mb)d MB.") % {"mb": MAX_DOWNLOAD_MB}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = DOWNLOAD_TYPES[check_upload(upload, DOWNLOAD_RULES)]
        return upload
