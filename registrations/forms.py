"""The registration form (the only door for a registration), the change form and the lost-link form."""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from core.guards import FormGuard
from privacy.consent import ConsentFormMixin
from regions.queries import find_place
from registrations.models import Question, Role


@dataclass(frozen=True)
class FormPart:
    """Fields another app adds to the registration form (answer to the hook `registration_form_fields`).

    `fields` are added before the consent; `clean(form)` may add errors with `form.add_error`. The
    cleaned values reach the app again through the hook `registration_created`."""

    fields: dict
    clean: Callable | None = None  # (form) -> None


SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
YES, NO = "ja", "nein"


def _text(label, *, required=True, max_length=200, autocomplete=None, help_text="", widget=None):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    widget = widget or forms.TextInput
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=widget(attrs=attrs),
        error_messages={"max_length": _("Bitte kürzen Sie Ihre Angabe auf höchstens %(limit_value)d Zeichen.")},
    )


class AnswersForm(forms.Form):
    """What a person can tell us and later change through the personal link."""

    name = _text(_("Vor- und Nachname"), autocomplete="name")
    phone = _text(
        _("Telefon"),
        required=False,
        max_length=40,
        autocomplete="tel",
        widget=forms.TextInput,
        help_text=_("Nur für kurzfristige Änderungen."),
    )
    organisation = _text(_("Organisation oder Initiative"), required=False, autocomplete="organization")
    role = forms.ChoiceField(
        label=_("In welcher Rolle nehmen Sie teil?"),
        choices=Role.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie aus, in welcher Rolle Sie teilnehmen.")},
    )
    municipality = _text(
        _("Ihre Gemeinde in Sachsen"),
        max_length=100,
        autocomplete="address-level2",
        help_text=_(
            "Zum Beispiel Pirna oder Bad Schandau. Wohnen Sie außerhalb Sachsens, wählen Sie den nächsten Ort."
        ),
    )
    accessibility_needs = _text(
        _("Was brauchen Sie, um gut teilnehmen zu können (Barrierefreiheit)?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea,
        help_text=_("Zum Beispiel rollstuhlgerechter Platz, Gebärdensprache, Induktionsschleife."),
    )
    childcare_needs = _text(
        _("Kinderbetreuung: Anzahl und Alter der Kinder"),
        required=False,
        max_length=300,
        help_text=_("Nur ausfüllen, wenn Sie Kinderbetreuung brauchen."),
    )
    interpretation_language = _text(
        _("Sprachmittlung: in welche Sprache?"),
        required=False,
        max_length=100,
        help_text=_("Nur ausfüllen, wenn Sie eine Übersetzung brauchen, zum Beispiel Arabisch."),
    )
    diet = _text(
        _("Ernährung"),
        required=False,
        max_length=200,
        help_text=_("Zum Beispiel vegetarisch, vegan, halal oder Allergien."),
    )
    newsletter_consent = forms.BooleanField(
        label=_("Ich möchte den Newsletter von Support für Initiative bekommen."),
        required=False,
        help_text=_("Freiwillig und unabhängig von der Anmeldung; Sie können ihn jederzeit abbestellen."),
    )

    NEEDS = {
        "accessibility_needs": "offers_accessibility",
        "childcare_needs": "offers_childcare",
        "interpretation_language": "offers_interpretation",
        "diet": "offers_diet",
    }

    def __init__(self, *args, options, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = _("Bitte geben Sie Ihren Namen an.")
        self.fields["municipality"].error_messages["required"] = _("Bitte geben Sie Ihre Gemeinde an.")
        self.fields["municipality"].widget.attrs["list"] = "municipality-names"
        for field, flag in self.NEEDS.items():
            if not getattr(options, flag):
                del self.fields[field]
        self.questions = questions
        for question in questions:
            self.fields[f"q{question.pk}"] = self._question_field(question)
        self.order_fields(
            ["name", "email", "phone", "organisation", "role", "municipality", *self.NEEDS]
            + [f"q{q.pk}" for q in questions]
            + ["privacy_consent", "newsletter_consent"]
        )

    @staticmethod
    def _question_field(question):
        required = {"required": _("Bitte beantworten Sie diese Frage.")}
        if question.kind == Question.Kind.TEXT:
            return forms.CharField(
                label=question.localized_label,
                required=question.required,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    **required,
                    "max_length": _("Bitte kürzen Sie Ihre Antwort auf höchstens 1000 Zeichen."),
                },
            )
        if question.kind == Question.Kind.CHOICE:
            choices = question.choice_pairs()
        else:
            choices = [(YES, _("Ja")), (NO, _("Nein"))]
        return forms.ChoiceField(
            label=question.localized_label,
            required=question.required,
            choices=choices,
            widget=forms.RadioSelect,
            error_messages={**required, "invalid_choice": _("Bitte wählen Sie eine der angebotenen Antworten.")},
        )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_municipality(self):
        lookup = find_place(self.cleaned_data["municipality"])
        if lookup.place:
            self.place = lookup.place
            return lookup.place.name
        if lookup.suggestions:
            raise forms.ValidationError(
                _("Diese Gemeinde kennen wir nicht. Meinten Sie: %(names)s? Bitte wählen Sie eine davon."),
                params={"names": ", ".join(lookup.suggestions)},
            )
        raise forms.ValidationError(
            _("Diese Gemeinde kennen wir nicht. Bitte prüfen Sie die Schreibweise, zum Beispiel „Pirna“.")
        )

    @classmethod
    def initial_for(cls, registration):
        initial = {f: getattr(registration, f) for f in ("name", "phone", "organisation", "role", *cls.NEEDS)}
        initial["newsletter_consent"] = registration.newsletter_consent
        initial["municipality"] = registration.municipality.name if registration.municipality else ""
        initial.update({f"q{key}": value for key, value in registration.answers.items()})
        return initial

    def changes(self):
        """Cleaned values as model field values."""
        data = self.cleaned_data
        values = {f: data.get(f, "") for f in ("name", "phone", "organisation", "role", *self.NEEDS)}
        values["newsletter_consent"] = data["newsletter_consent"]
        values["municipality_id"] = self.place.id
        values["answers"] = {str(q.pk): data[f"q{q.pk}"] for q in self.questions if data.get(f"q{q.pk}")}
        return values


class RegistrationForm(FormGuard, ConsentFormMixin, AnswersForm):
    # Anti-abuse: the honeypot and the single-use form token come from core.guards.FormGuard
    # (template core/_form_guard.html); a random key makes a double click or a resent form count once.

    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        help_text=_("Wir schicken Ihnen einen Link, mit dem Sie die Anmeldung bestätigen."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
        },
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)
    seats_seen = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, seats_seen=False, parts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_key"].initial = secrets.token_urlsafe(24)
        self.fields["seats_seen"].initial = seats_seen
        self.parts = parts
        if parts:
            order = list(self.fields)
            at = order.index("privacy_consent") if "privacy_consent" in order else len(order)
            added = [name for part in parts for name in part.fields]
            self.fields.update({name: f for part in parts for name, f in part.fields.items()})
            self.order_fields(order[:at] + added + order[at:])

    def clean(self):
        cleaned = super().clean()
        for part in self.parts:
            if part.clean:
                part.clean(self)
        return cleaned

    def part_data(self):
        """The cleaned values of the fields other apps added (for the hook `registration_created`)."""
        return {name: self.cleaned_data.get(name) for part in self.parts for name in part.fields}

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def check_guard(self):
        # A missing key means the hidden fields were lost: ask for the form again with a fresh key.
        if not SUBMISSION_KEY.match(self.cleaned_data.get("submission_key") or ""):
            self.data = self.data.copy()
            self.data[self.add_prefix("submission_key")] = self.fields["submission_key"].initial
            raise forms.ValidationError(_("Das Formular war unvollständig. Bitte senden Sie es noch einmal ab."))
        super().check_guard()

    def person(self):
        return {**self.changes(), "email": self.cleaned_data["email"]}


class LostLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("E-Mail-Adresse, mit der Sie sich angemeldet haben"),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Bitte geben Sie Ihre E-Mail-Adresse an."),
            "invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein."),
        },
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
