from datetime import datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit import actions


class EntryFilterForm(forms.Form):
    """GET filters for the log page; invalid values are reported, never a 500."""

    konto = forms.ModelChoiceField(
        label=_("Konto"),
        queryset=get_user_model().objects.order_by("email"),
        required=False,
        empty_label=_("alle Konten"),
        error_messages={"invalid_choice": _("Dieses Konto gibt es nicht. Wählen Sie eines aus der Liste.")},
    )
    aktion = forms.ChoiceField(label=_("Aktion"), required=False)
    von = forms.DateField(
        label=_("von (Datum)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Geben Sie das Datum als TT.MM.JJJJ ein.")},
    )
    bis = forms.DateField(
        label=_("bis (Datum)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Geben Sie das Datum als TT.MM.JJJJ ein.")},
    )
    art = forms.CharField(required=False, widget=forms.HiddenInput, max_length=100)
    nr = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aktion"].choices = [("", _("alle Aktionen")), *actions.choices()]
        self.fields["konto"].label_from_instance = lambda user: user.email

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("von"), cleaned.get("bis")
        if start and end and end < start:
            self.add_error("bis", _("Das Ende liegt vor dem Anfang. Wählen Sie ein späteres Datum."))
        return cleaned

    def filter(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        zone = timezone.get_current_timezone()
        if data.get("konto"):
            queryset = queryset.filter(actor=data["konto"])
        if data.get("aktion"):
            queryset = queryset.filter(action=data["aktion"])
        if data.get("von"):
            queryset = queryset.filter(created_at__gte=datetime.combine(data["von"], time.min, zone))
        if data.get("bis"):
            next_day = datetime.combine(data["bis"] + timedelta(days=1), time.min, zone)
            queryset = queryset.filter(created_at__lt=next_day)
        if data.get("art"):
            queryset = queryset.filter(target_type=data["art"])
            if data.get("nr"):
                queryset = queryset.filter(target_id=data["nr"])
        return queryset
