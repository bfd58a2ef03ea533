"""The workshop choice in the registration form (answer to `registration_form_fields`) and the
swap form on the personal programme page."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from conferences.models import Badge
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
        choices=Badge.NameStyle.choices,
        initial=Badge.NameStyle.FULL,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, wie Ihr Name auf dem Namensschild stehen soll.")},
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
    """Another workshop of the same slot, only among those with free places."""

    session = forms.TypedChoiceField(coerce=int, label=_("Workshop wechseln"))

    def __init__(self, *args, sessions, counts, current, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].label = _("Workshop wechseln")
        self.fields["session"].choices = [
            (s.pk, _option(s, counts[s.pk])) for s in sessions if s.pk != current and not counts[s.pk].full
        ]
        self.fields["session"].error_messages["invalid_choice"] = _(
            "In diesem Workshop ist kein Platz mehr frei. Bitte wählen Sie einen anderen."
        )
