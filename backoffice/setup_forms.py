"""Forms for what an event needs besides its own fields: the agenda (Ablauf), venues and materials."""

import re
from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import AgendaItem, Event, Material, Venue
from regions.queries import find_place

MAX_MATERIAL_MB = 20
# Extension -> how the file's first bytes must start (office formats are zip archives).
MATERIAL_TYPES = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
}


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["time", "title", "title_en", "position"]
        widgets = {
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "position": forms.NumberInput(attrs={"min": 0, "max": 999}),
        }
        help_texts = {
            "position": _("Kleinere Zahlen stehen weiter oben. Leer = am Ende, nach Uhrzeit sortiert."),
            "title_en": _("Leer = englische Seiten zeigen den deutschen Programmpunkt."),
        }
        error_messages = {
            "time": {
                "required": _("Geben Sie die Uhrzeit ein, z. B. 09:30."),
                "invalid": _("Geben Sie die Uhrzeit wie 09:30 ein."),
            },
            "title": {"required": _("Geben Sie an, was um diese Uhrzeit passiert.")},
            "position": {"invalid": _("Geben Sie die Reihenfolge als ganze Zahl ein.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        if self.instance.pk is None:
            self.initial["position"] = None  # so an untouched empty row counts as unchanged

    def clean_position(self):
        # Empty: after the numbered lines (the service renumbers 1, 2, 3 … on save).
        position = self.cleaned_data["position"]
        return UNNUMBERED if position is None else position


UNNUMBERED = 999


class BaseAgendaFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if len(kept) > 60:
            raise forms.ValidationError(_("Ein Ablauf hat höchstens 60 Programmpunkte. Fassen Sie Punkte zusammen."))


AgendaFormSet = forms.inlineformset_factory(
    Event,
    AgendaItem,
    form=AgendaItemForm,
    formset=BaseAgendaFormSet,
    extra=3,
    can_delete=True,
)


class AgendaVersionForm(forms.Form):
    """The event version the page was opened with: two people editing the agenda do not overwrite each other."""

    version = forms.IntegerField(widget=forms.HiddenInput)


POSTAL_CODE = re.compile(r"^0[1-9]\d{3}$")


class VenueForm(forms.ModelForm):
    place = forms.CharField(
        label=_("Gemeinde"),
        max_length=100,
        help_text=_("Die sächsische Stadt oder Gemeinde, z. B. Pirna oder Bautzen."),
        error_messages={"required": _("Geben Sie die Gemeinde an, zum Beispiel „Pirna“.")},
        widget=forms.TextInput(attrs={"list": "municipality-names", "autocomplete": "off"}),
    )

    class Meta:
        model = Venue
        fields = ["name", "street", "postal_code", "accessibility", "public_transport"]
        widgets = {
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "public_transport": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
        }
        help_texts = {
            "accessibility": _("Zum Beispiel: ebenerdiger Eingang, rollstuhlgerechtes WC, Induktionsschleife."),
            "public_transport": _("Zum Beispiel: S1 bis Pirna Bahnhof, dann 5 Minuten zu Fuß."),
        }
        error_messages = {
            "name": {"required": _("Geben Sie den Namen des Ortes ein, z. B. „Bürgerhaus Pirna“.")},
            "street": {"required": _("Geben Sie Straße und Hausnummer ein.")},
            "postal_code": {"required": _("Geben Sie die Postleitzahl ein.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.suggestions = []
        if self.instance.pk and not self.is_bound:
            self.initial["place"] = self.instance.municipality.name
        self.order_fields(["name", "street", "postal_code", "place", "accessibility", "public_transport"])

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if not POSTAL_CODE.match(code):
            raise forms.ValidationError(_("Geben Sie eine sächsische Postleitzahl mit fünf Ziffern ein, z. B. 01796."))
        return code

    def clean_place(self):
        name = self.cleaned_data["place"]
        lookup = find_place(name)
        if lookup.place is None:
            self.suggestions = lookup.suggestions
            if lookup.suggestions:
                raise forms.ValidationError(
                    _("Wir kennen keine sächsische Gemeinde „%(name)s“. Meinten Sie: %(options)s?")
                    % {"name": name, "options": ", ".join(lookup.suggestions)}
                )
            raise forms.ValidationError(
                _("Wir kennen keine sächsische Gemeinde „%(name)s“. Wählen Sie eine Gemeinde aus der Liste.")
                % {"name": name}
            )
        self.instance.municipality_id = lookup.place.id
        return lookup.place.name


class MaterialForm(forms.ModelForm):
    class Meta:
        model = Material
        fields = ["title", "file"]
        error_messages = {
            "title": {"required": _("Geben Sie einen Titel ein, unter dem die Datei erscheint.")},
            "file": {
                "required": _("Wählen Sie eine Datei aus."),
                "empty": _("Die Datei ist leer. Wählen Sie eine andere Datei."),
                "max_length": _("Der Dateiname ist zu lang. Benennen Sie die Datei kürzer und laden Sie sie erneut."),
            },
        }
        widgets = {"file": forms.ClearableFileInput(attrs={"accept": ",".join(MATERIAL_TYPES)})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("PDF, DOCX, ODT, PPTX, JPG oder PNG, höchstens %(mb)d MB.") % {
            "mb": MAX_MATERIAL_MB
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = Path(upload.name).suffix.lower()
        if extension not in MATERIAL_TYPES:
            raise forms.ValidationError(
                _("Dateien vom Typ „%(ext)s“ sind nicht erlaubt. Laden Sie PDF, DOCX, ODT, PPTX, JPG oder PNG hoch.")
                % {"ext": extension or "?"}
            )
        if upload.size > MAX_MATERIAL_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("Die Datei ist größer als %(mb)d MB. Verkleinern Sie sie (Bilder komprimieren) oder teilen Sie sie.")
                % {"mb": MAX_MATERIAL_MB}
            )
        upload.seek(0)
        head = upload.read(8)
        upload.seek(0)
        if not head.startswith(MATERIAL_TYPES[extension]):
            raise forms.ValidationError(
                _("Der Inhalt passt nicht zur Endung „%(ext)s“. Speichern Sie die Datei neu und laden Sie sie erneut.")
                % {"ext": extension}
            )
        return upload
