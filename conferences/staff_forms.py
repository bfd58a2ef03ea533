"""The team's programme forms: rooms, slots, speakers, sessions. Each carries the version it was
read at (optimistic locking in `services.save_item`); a session that would clash is refused."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from conferences.models import Choice, Reimbursement, Room, Session, Slot, Speaker


class VersionedForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference = conference
        self.fields["version"].initial = self.instance.version


class RoomForm(VersionedForm):
    class Meta:
        model = Room
        fields = ["name", "capacity", "step_free", "accessibility", "position"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        same = Room.objects.filter(conference=self.conference, name__iexact=name).exclude(pk=self.instance.pk)
        if same.exists():
            raise forms.ValidationError(_("Einen Raum mit diesem Namen gibt es schon."))
        return name


class SlotForm(VersionedForm):
    class Meta:
        model = Slot
        fields = ["start", "end"]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        return data


class SpeakerForm(VersionedForm):
    class Meta:
        model = Speaker
        fields = ["name", "organisation", "bio", "bio_en", "bio_public"]


class SessionForm(VersionedForm):
    class Meta:
        model = Session
        fields = ["kind", "title", "title_en", "slot", "room", "capacity", "speakers", "abstract", "abstract_en"]
        widgets = {"speakers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.filter(conference=self.conference)
        self.fields["room"].queryset = Room.objects.filter(conference=self.conference)
        self.fields["speakers"].queryset = Speaker.objects.filter(conference=self.conference)
        self.fields["slot"].error_messages["required"] = _("Bitte wählen Sie ein Zeitfenster.")
        self.fields["title"].error_messages["required"] = _("Bitte geben Sie einen Titel an.")

    def clean(self):
        """Clash detection: no room holds two sessions at once, no speaker is in two places at once."""
        data = super().clean()
        slot, room, speakers = data.get("slot"), data.get("room"), data.get("speakers") or []
        if slot is None:
            return data
        others = (
            Session.objects.filter(conference=self.conference, slot__start__lt=slot.end, slot__end__gt=slot.start)
            .exclude(pk=self.instance.pk)
            .select_related("room")
            .prefetch_related("speakers")
        )
        for other in others:
            if room and other.room_id == room.pk:
                self.add_error(
                    "room",
                    _(
                        "Im Raum „%(room)s“ findet zur selben Zeit „%(title)s“ statt. "
                        "Bitte wählen Sie einen anderen Raum."
                    )
                    % {"room": room.name, "title": other.title},
                )
            for speaker in other.speakers.all():
                if speaker in speakers:
                    self.add_error(
                        "speakers",
                        _("%(name)s spricht zur selben Zeit in „%(title)s“.")
                        % {"name": speaker.name, "title": other.title},
                    )
        if data.get("kind") == Session.Kind.WORKSHOP and data.get("capacity") is None and not (room and room.capacity):
            self.add_error("capacity", _("Ein Workshop braucht eine Platzzahl: hier oder beim Raum."))
        self._keep_choices(data, slot)
        return data

    def _keep_choices(self, data, slot):
        """People chose this workshop for its time: it cannot silently move to another slot or stop being
        a workshop. (Changing the slot's own time moves everyone along, which is fine.)"""
        if not self.instance.pk:
            return
        chosen = Choice.objects.active().filter(session=self.instance).count()
        if not chosen:
            return
        if slot.pk != self.instance.slot_id:
            self.add_error(
                "slot",
                _(
                    "%(n)s Personen haben diesen Workshop in seinem Zeitfenster gewählt. Ändern Sie die Uhrzeit des "
                    "Zeitfensters, oder legen Sie den Workshop neu an und löschen Sie diesen (dann werden die "
                    "Personen gebeten, neu zu wählen)."
                )
                % {"n": chosen},
            )
        if data.get("kind") != Session.Kind.WORKSHOP:
            self.add_error(
                "kind",
                _("%(n)s Personen haben diesen Workshop gewählt. Er bleibt ein Workshop; löschen Sie ihn sonst.")
                % {"n": chosen},
            )


FORMS = {"raum": RoomForm, "zeitfenster": SlotForm, "referentin": SpeakerForm, "programmpunkt": SessionForm}


class DecisionForm(forms.Form):
    """The team's decision on a travel-cost request."""

    decision = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            (Reimbursement.Status.APPROVED, _("in voller Höhe bewilligen")),
            (Reimbursement.Status.PARTLY, _("teilweise bewilligen")),
            (Reimbursement.Status.REJECTED, _("ablehnen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie eine Entscheidung.")},
    )
    approved_amount = forms.DecimalField(
        label=_("Bewilligter Betrag in Euro (bei teilweiser Bewilligung)"),
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        localize=True,
        error_messages={
            "invalid": _("Bitte geben Sie den Betrag als Zahl an, zum Beispiel 23,40."),
            "min_value": _("Der Betrag darf nicht negativ sein."),
        },
    )
    reason = forms.CharField(
        label=_("Begründung (bei teilweiser Bewilligung oder Ablehnung)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Die Person bekommt sie per E-Mail."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, reimbursement, **kwargs):
        super().__init__(*args, **kwargs)
        self.reimbursement = reimbursement
        self.fields["version"].initial = reimbursement.version

    def clean(self):
        data = super().clean()
        decision, amount = data.get("decision"), data.get("approved_amount")
        if (
            decision in (Reimbursement.Status.PARTLY, Reimbursement.Status.REJECTED)
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Bitte begründen Sie die teilweise Bewilligung oder die Ablehnung."))
        if decision == Reimbursement.Status.PARTLY:
            if amount is None:
                self.add_error("approved_amount", _("Bitte geben Sie den bewilligten Betrag an."))
            elif amount == 0:
                self.add_error(
                    "approved_amount", _("0 € ist keine teilweise Bewilligung. Bitte lehnen Sie den Antrag dann ab.")
                )
            elif amount >= self.reimbursement.amount:
                self.add_error(
                    "approved_amount",
                    _("Bei teilweiser Bewilligung muss der Betrag kleiner als der beantragte (%(amount)s €) sein.")
                    % {"amount": self.reimbursement.amount},
                )
        return data


class PaidForm(forms.Form):
    """The day the bank executed a SEPA file, confirmed by the team."""

    paid_on = forms.DateField(
        label=_("Von der Bank ausgeführt am"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Bitte geben Sie an, an welchem Tag die Bank die Überweisungen ausgeführt hat."),
            "invalid": _("Bitte geben Sie das Datum als TT.MM.JJJJ an, zum Beispiel 15.03.2027."),
        },
    )

    def __init__(self, *args, batch, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.batch, self.today = batch, today
        self.fields["paid_on"].initial = today

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        exported = timezone.localdate(self.batch.created_at)
        if paid_on > self.today:
            raise forms.ValidationError(
                _("Das Datum liegt in der Zukunft. Bestätigen Sie erst, wenn die Bank überwiesen hat.")
            )
        if paid_on < exported:
            raise forms.ValidationError(
                _("Das Datum liegt vor dem Export der SEPA-Datei (%(date)s). Bitte prüfen Sie es.")
                % {"date": date_format(exported, "SHORT_DATE_FORMAT")}
            )
        return paid_on
