from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from events.models import Event, Session

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
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

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
