"""The team's forms for events: the event itself, copying, sessions, the list filter, and what an
event needs besides its own fields (agenda, venues, materials)."""

import re

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.uploads import UploadRules, check_upload
from events.models import (
    AgendaItem,
    Contact,
    Event,
    FundingLine,
    Language,
    Material,
    Partner,
    Session,
    TargetGroup,
    Topic,
    Venue,
)
from regions.forms import MunicipalityField, PostalCodeField

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def _plausible_year(value):
    # Copying shifts every date by the same time: far-off years would overflow (a server error).
    if not 2000 <= value.year <= 2100:
        raise forms.ValidationError(_("Geben Sie ein Datum zwischen den Jahren 2000 und 2100 ein."))


def _datetime_field(label, *, required, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        validators=[_plausible_year],
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"],
        error_messages={
            "required": _("Geben Sie Datum und Uhrzeit ein."),
            "invalid": _("Geben Sie Datum und Uhrzeit wie 27.02.2026 10:00 ein."),
        },
    )


def trainer_accounts():
    return User.objects.filter(role=User.Role.TRAINER, is_active=True).order_by("last_name", "first_name", "email")


class TrainerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.email


class EventForm(forms.ModelForm):
    """The event as the team plans it. Date, venue and contact may wait until publishing."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    start = _datetime_field(_("Beginn"), required=False, help_text=_("Darf im Entwurf noch leer sein."))
    end = _datetime_field(_("Ende"), required=False)
    registration_deadline = _datetime_field(_("Anmeldeschluss"), required=False)
    trainers = TrainerChoiceField(
        label=_("Referent_innen"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "summary",
            "description",
            "title_en",
            "summary_en",
            "description_en",
            "start",
            "end",
            "registration_deadline",
            "capacity",
            "costs",
            "costs_note",
            "catering",
            "attendance_mode",
            "venue",
            "contact",
            "topics",
            "target_groups",
            "languages",
            "partners",
            "partners_may_see_names",
            "funding_line",
            "trainers",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "target_groups": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": _("Geben Sie einen Titel ein.")},
            "summary": {"required": _("Beschreiben Sie die Veranstaltung in ein, zwei Sätzen.")},
            "kind": {"required": _("Wählen Sie die Art der Veranstaltung.")},
            "capacity": {
                "invalid": _("Geben Sie die Zahl der Plätze als ganze Zahl ein, oder lassen Sie das Feld leer.")
            },
            "costs": {"invalid": _("Geben Sie die Kosten als Zahl ein, z. B. 0 oder 15,50.")},
        }

    M2M = ("topics", "target_groups", "languages", "partners", "trainers")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_accounts()
        self.fields["venue"].queryset = self.fields["venue"].queryset.select_related("municipality")
        self.fields["venue"].empty_label = _("noch offen")
        self.fields["contact"].empty_label = _("noch offen")
        self.fields["funding_line"].empty_label = _("allgemeine Förderzeile")
        self._hide_archived()
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    REFERENCE_FIELDS = ("contact", "funding_line", "topics", "target_groups", "languages", "partners")

    def _hide_archived(self):
        """Archived reference data is no choice any more, except what this event already has."""
        for name in self.REFERENCE_FIELDS:
            field = self.fields[name]
            model = field.queryset.model
            keep = Q(archived=False)
            if self.instance.pk and name in self.M2M:
                keep |= Q(pk__in=model.objects.filter(events__pk=self.instance.pk).values("pk"))
            elif self.instance.pk and getattr(self.instance, f"{name}_id"):
                keep |= Q(pk=getattr(self.instance, f"{name}_id"))
            field.queryset = field.queryset.filter(keep)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if bool(start) != bool(end) and not self.errors.get("start") and not self.errors.get("end"):
            self.add_error("end" if start else "start", _("Geben Sie Beginn und Ende an, oder lassen Sie beides leer."))
        if start and end and end < start:
            self.add_error("end", _("Das Ende liegt vor dem Beginn. Wählen Sie ein späteres Ende."))
        deadline = cleaned.get("registration_deadline")
        if deadline and start and deadline > start:
            self.add_error(
                "registration_deadline", _("Der Anmeldeschluss liegt nach dem Beginn. Wählen Sie ein früheres Datum.")
            )
        if self.instance.pk and self.instance.status != Event.Status.DRAFT:
            for name in ("start", "end", "venue", "contact"):
                if name in self.fields and not cleaned.get(name) and not self.errors.get(name):
                    self.add_error(name, _("Eine veröffentlichte Veranstaltung braucht diese Angabe. Bitte ausfüllen."))
        return cleaned

    def m2m_values(self):
        return {name: self.cleaned_data[name] for name in self.M2M if name in self.cleaned_data}

    def changed_model_fields(self):
        return [name for name in self.changed_data if name != "version"]


class CopyEventForm(forms.Form):
    start = _datetime_field(
        _("Neuer Beginn"),
        required=True,
        help_text=_("Ende, Anmeldeschluss, Termine und Module werden um dieselbe Zeit verschoben."),
    )
    title = forms.CharField(
        label=_("Titel der Kopie"),
        required=False,
        max_length=200,
        help_text=_("Leer lassen, um den bisherigen Titel zu übernehmen."),
    )


class SessionForm(forms.ModelForm):
    start = _datetime_field(_("Beginn"), required=True)
    end = _datetime_field(_("Ende"), required=True)
    trainers = TrainerChoiceField(
        label=_("Referent_innen"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Session
        fields = ["title", "start", "end", "venue", "trainers"]
        error_messages = {"title": {"required": _("Geben Sie dem Termin einen Titel, z. B. „Tag 1“.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trainers"].queryset = trainer_accounts()
        self.fields["venue"].queryset = self.fields["venue"].queryset.select_related("municipality")
        self.fields["venue"].empty_label = _("wie die Veranstaltung")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Das Ende liegt vor dem Beginn. Wählen Sie ein späteres Ende."))
        return cleaned


class EventFilterForm(forms.Form):
    PERIODS = [("kommend", _("kommende")), ("vergangen", _("vergangene")), ("alle", _("alle"))]
    q = forms.CharField(label=_("Titel enthält"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle"))] + list(Event.Status.choices)
    )
    art = forms.ChoiceField(label=_("Art"), required=False, choices=[("", _("alle"))] + list(Event.Kind.choices))
    zeitraum = forms.ChoiceField(label=_("Zeitraum"), required=False, choices=PERIODS)


# --- Agenda, venues, materials ------------------------------------------------------------
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
MATERIAL_RULES = UploadRules(
    types=MATERIAL_TYPES,
    max_mb=MAX_MATERIAL_MB,
    wrong_type=_("Dateien vom Typ „%(ext)s“ sind nicht erlaubt. Laden Sie PDF, DOCX, ODT, PPTX, JPG oder PNG hoch."),
    too_large=_("Die Datei ist größer als %(mb)d MB. Verkleinern Sie sie (Bilder komprimieren) oder teilen Sie sie."),
    wrong_content=_(
        "Der Inhalt passt nicht zur Endung „%(ext)s“. Speichern Sie die Datei neu und laden Sie sie erneut."
    ),
)


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


class VenueForm(forms.ModelForm):
    place = MunicipalityField()
    postal_code = PostalCodeField()

    class Meta:
        model = Venue
        fields = ["name", "street", "postal_code", "accessibility", "public_transport"]
        widgets = {
            "accessibility": forms.Textarea(attrs={"rows": 3}),
            "public_transport": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "accessibility": _("Zum Beispiel: ebenerdiger Eingang, rollstuhlgerechtes WC, Induktionsschleife."),
            "public_transport": _("Zum Beispiel: S1 bis Pirna Bahnhof, dann 5 Minuten zu Fuß."),
        }
        error_messages = {
            "name": {"required": _("Geben Sie den Namen des Ortes ein, z. B. „Bürgerhaus Pirna“.")},
            "street": {"required": _("Geben Sie Straße und Hausnummer ein.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["place"] = self.instance.municipality
        self.order_fields(["name", "street", "postal_code", "place", "accessibility", "public_transport"])

    def clean_place(self):
        place = self.cleaned_data["place"]
        self.instance.municipality_id = place.id
        return place


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
        check_upload(upload, MATERIAL_RULES)
        return upload


# --- Reference data (Stammdaten) ------------------------------------------------------------
class ReferenceForm(forms.ModelForm):
    """One item of reference data; `version` is the one the page was opened with (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def changed_model_fields(self):
        return [name for name in self.changed_data if name != "version"]


NAME_ERRORS = {"name": {"required": _("Geben Sie einen Namen ein.")}}


class TopicForm(ReferenceForm):
    class Meta:
        model = Topic
        fields = ["name", "name_en"]
        error_messages = NAME_ERRORS


class TargetGroupForm(ReferenceForm):
    class Meta:
        model = TargetGroup
        fields = ["name", "name_en"]
        error_messages = NAME_ERRORS


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class LanguageForm(ReferenceForm):
    class Meta:
        model = Language
        fields = ["code", "name", "name_en"]
        help_texts = {"code": _("Zwei oder drei Kleinbuchstaben, z. B. de, ar, fa. Lässt sich später nicht ändern.")}
        error_messages = {
            **NAME_ERRORS,
            "code": {
                "required": _("Geben Sie den Sprachcode ein, z. B. „ar“ für Arabisch."),
                "unique": _("Diesen Sprachcode gibt es schon. Suchen Sie die Sprache in der Liste."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code is in public filter addresses (?sprache=ar): it stays as it is.
            self.fields["code"].disabled = True

    def clean_code(self):
        code = self.cleaned_data["code"].strip().lower()
        if not LANGUAGE_CODE.match(code):
            raise forms.ValidationError(_("Geben Sie den Sprachcode mit zwei oder drei Buchstaben ein, z. B. „ar“."))
        return code


class PartnerForm(ReferenceForm):
    website = forms.URLField(
        label=_("Website"),
        required=False,
        assume_scheme="https",
        error_messages={"invalid": _("Geben Sie eine vollständige Adresse ein, z. B. https://www.example.org.")},
    )

    class Meta:
        model = Partner
        fields = ["name", "website"]
        help_texts = {"name": _("Eine Organisation, keine Privatperson.")}
        error_messages = {
            "name": {
                "required": _("Geben Sie den Namen der Organisation ein."),
                "unique": _("Diese Kooperationspartner_in gibt es schon. Suchen Sie sie in der Liste."),
            },
        }


class ContactForm(ReferenceForm):
    class Meta:
        model = Contact
        fields = ["role", "email", "phone"]
        help_texts = {
            "role": _("Eine Funktion, keine Privatperson, z. B. „Projektteam Support für Initiative“."),
            "email": _("Eine Büro-Adresse; sie steht öffentlich auf der Veranstaltungsseite."),
        }
        error_messages = {
            "role": {"required": _("Geben Sie die Funktion ein, z. B. „Projektteam Support für Initiative“.")},
            "email": {
                "required": _("Geben Sie die Büro-E-Mail-Adresse ein."),
                "invalid": _("Geben Sie eine E-Mail-Adresse wie team@example.org ein."),
            },
        }


class FundingLineForm(ReferenceForm):
    class Meta:
        model = FundingLine
        fields = ["name", "text", "text_en"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "text_en": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            **NAME_ERRORS,
            "text": {"required": _("Geben Sie den Text ein, den der Fördermittelgeber verlangt.")},
        }
