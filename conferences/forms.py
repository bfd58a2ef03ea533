"""The workshop choice in the registration form (answer to `registration_form_fields`) and the
swap form on the personal programme page."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException

from conferences.models import Badge, Reimbursement
from conferences.queries import choice_slots, figures, published_conference
from registrations.forms import FormPart


def slot_label(slot):
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    return f"{date_format(start, 'D, j. F')}, {start:%H:%M}–{end:%H:%M}"


def _option(session, count):
    room = f" ({session.room.name})" if session.room_id else ""
    if count.full:
        return f"{session.localized_title}{room} – " + _("ausgebucht, Warteliste")
    if count.left is not None:
        return f"{session.localized_title}{room} – " + _("%(n)s Plätze frei") % {"n": count.left}
    return f"{session.localized_title}{room}"


def workshop_part(*, event):
    """Answer to `registration_form_fields`: one required choice per slot with workshops, an optional
    second choice that counts only if the first is full, and how the name badge should read."""
    conference = published_conference(event)
    if conference is None:
        return None
    slots = choice_slots(conference)
    counts = figures([session for _slot, sessions in slots for session in sessions])
    fields = {}
    for slot, sessions in slots:
        options = [(str(s.pk), _option(s, counts[s.pk])) for s in sessions]
        label = slot_label(slot)
        fields[f"workshop_{slot.pk}"] = forms.ChoiceField(
            label=_("Workshop %(when)s") % {"when": label},
            choices=options,
            widget=forms.RadioSelect,
            error_messages={
                "required": _("Bitte wählen Sie einen Workshop für %(when)s.") % {"when": label},
                "invalid_choice": _("Diesen Workshop gibt es nicht mehr. Bitte wählen Sie einen anderen."),
            },
        )
        if len(sessions) > 1:
            fields[f"workshop_{slot.pk}_second"] = forms.ChoiceField(
                label=_("Zweite Wahl %(when)s") % {"when": label},
                required=False,
                choices=[("", _("keine zweite Wahl"))] + [(str(s.pk), s.localized_title) for s in sessions],
                help_text=_("Ist Ihr erster Workshop voll, bekommen Sie diesen statt eines Wartelistenplatzes."),
                error_messages={
                    "invalid_choice": _("Diesen Workshop gibt es nicht mehr. Bitte wählen Sie einen anderen.")
                },
            )
    fields["badge_name"] = forms.ChoiceField(
        label=_("Wie soll Ihr Name auf dem Namensschild stehen?"),
        required=False,
        choices=Badge.NameStyle.choices,
        initial=Badge.NameStyle.FULL,
        widget=forms.RadioSelect,
    )
    fields["badge_pronouns"] = forms.CharField(
        label=_("Pronomen auf dem Namensschild"),
        required=False,
        max_length=40,
        help_text=_("Zum Beispiel sie/ihr, er/ihm, they/them."),
        error_messages={"max_length": _("Bitte kürzen Sie Ihre Angabe auf höchstens %(limit_value)d Zeichen.")},
    )
    slot_ids = [slot.pk for slot, _sessions in slots]

    def clean(form):
        for pk in slot_ids:
            first = form.cleaned_data.get(f"workshop_{pk}")
            second = form.cleaned_data.get(f"workshop_{pk}_second")
            if first and second and first == second:
                form.add_error(
                    f"workshop_{pk}_second",
                    _(
                        "Die zweite Wahl ist derselbe Workshop wie die erste. "
                        "Bitte wählen Sie einen anderen oder keinen."
                    ),
                )

    return FormPart(fields=fields, clean=clean)


class SwapForm(forms.Form):
    """Another workshop of the same slot: a free place at once, a full one through its waiting list."""

    session = forms.TypedChoiceField(coerce=int, label=_("Workshop wechseln"))

    def __init__(self, *args, sessions, counts, current, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].label = _("Workshop wechseln")
        self.fields["session"].help_text = _(
            "Bei einem ausgebuchten Workshop kommen Sie auf die Warteliste und behalten Ihren jetzigen Platz, "
            "bis Sie nachrücken."
        )
        self.fields["session"].choices = [
            (
                s.pk,
                _("%(title)s – hier bleiben, nicht mehr warten") % {"title": s.localized_title}
                if s.pk == kept
                else _option(s, counts[s.pk]),
            )
            for s in sessions
            if s.pk != current
        ]
        self.fields["session"].error_messages["invalid_choice"] = _(
            "Diesen Workshop gibt es in diesem Zeitfenster nicht (mehr). Bitte wählen Sie einen aus der Liste."
        )


# --- Travel-cost reimbursement ----------------------------------------------------------------

# How a receipt's first bytes must start, by type (checked by content, not by the name).
RECEIPT_TYPES = {
    "application/pdf": (b"%PDF", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}
RECEIPT_FIELDS = ("receipt_1", "receipt_2", "receipt_3")


def receipt_type(upload):
    """The receipt's type by its first bytes and name, or a ValidationError that says what is wrong."""
    name = upload.name.lower()
    if upload.size > settings.REIMBURSEMENT_MAX_RECEIPT_MB * 1024 * 1024:
        raise forms.ValidationError(
            _(
                "Der Beleg ist größer als %(mb)d MB. Bitte verkleinern Sie ihn (z. B. als JPG) und laden Sie ihn "
                "erneut hoch."
            )
            % {"mb": settings.REIMBURSEMENT_MAX_RECEIPT_MB}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for content_type, (magic, extensions) in RECEIPT_TYPES.items():
        if head.startswith(magic):
            if not name.endswith(extensions):
                break
            return content_type
    raise forms.ValidationError(
        _(
            "Diese Datei ist kein PDF-, JPG- oder PNG-Beleg (der Inhalt passt nicht zum Namen). "
            "Bitte laden Sie den Beleg als PDF, JPG oder PNG hoch."
        )
    )


class ReimbursementForm(forms.Form):
    route = forms.CharField(
        label=_("Strecke"),
        max_length=300,
        help_text=_("Zum Beispiel: Zittau – Dresden und zurück."),
        error_messages={"required": _("Bitte geben Sie die Strecke an.")},
    )
    transport = forms.ChoiceField(
        label=_("Verkehrsmittel"),
        choices=Reimbursement.Transport.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie das Verkehrsmittel.")},
    )
    amount = forms.DecimalField(
        label=_("Betrag in Euro"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        localize=True,
        help_text=_("Zum Beispiel 23,40."),
        error_messages={
            "required": _("Bitte geben Sie den Betrag an."),
            "invalid": _("Bitte geben Sie den Betrag als Zahl an, zum Beispiel 23,40."),
            "min_value": _("Der Betrag muss größer als 0 sein (nicht negativ)."),
            "max_digits": _("Bitte prüfen Sie den Betrag: Er ist zu groß."),
            "max_whole_digits": _("Bitte prüfen Sie den Betrag: Er ist zu groß."),
            "max_decimal_places": _("Bitte geben Sie höchstens zwei Nachkommastellen an."),
        },
    )
    receipt_1 = forms.FileField(
        label=_("Beleg"),
        help_text=_("Fahrkarte oder Quittung als PDF, JPG oder PNG."),
        error_messages={"required": _("Bitte laden Sie mindestens einen Beleg hoch.")},
    )
    receipt_2 = forms.FileField(label=_("weiterer Beleg"), required=False)
    receipt_3 = forms.FileField(label=_("noch ein Beleg"), required=False)
    account_holder = forms.CharField(
        label=_("Kontoinhaber_in"),
        max_length=140,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Bitte geben Sie an, wem das Konto gehört.")},
    )
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        help_text=_("Zum Beispiel DE89 3704 0044 0532 0130 00."),
        error_messages={"required": _("Bitte geben Sie Ihre IBAN an.")},
    )

    def clean_iban(self):
        try:
            return str(IBAN(self.cleaned_data["iban"]).compact)
        except SchwiftyException:
            raise forms.ValidationError(
                _("Diese IBAN ist nicht gültig. Bitte prüfen Sie sie (Länderkürzel, Prüfziffer, Länge).")
            ) from None

    def clean(self):
        data = super().clean()
        self.receipt_types = {}
        for name in RECEIPT_FIELDS:
            upload = data.get(name)
            if upload:
                try:
                    self.receipt_types[name] = receipt_type(upload)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return data

    def receipts(self):
        return [
            (self.cleaned_data[name], self.receipt_types[name])
            for name in RECEIPT_FIELDS
            if self.cleaned_data.get(name)
        ]
