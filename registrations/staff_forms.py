"""The team's forms for an event's registration setup (needs offered, waiting list, questions).

Questions people have already answered are protected:
deleting them, changing their kind or dropping an answered choice would silently break the
stored answers, so the formset refuses that with an explanation.
"""

from collections import Counter

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events.models import Event
from registrations.models import Question, RegistrationSettings
from registrations.queries import settings_for, stored_answers


class SettingsForm(forms.ModelForm):
    class Meta:
        model = RegistrationSettings
        fields = [
            "offers_accessibility",
            "offers_childcare",
            "offers_interpretation",
            "offers_diet",
            "waiting_list_mode",
            "offer_hold_hours",
            "promote_after_deadline",
        ]
        widgets = {"waiting_list_mode": forms.RadioSelect}
        help_texts = {
            "offer_hold_hours": _("Nur bei „Platz anbieten“: so lange hat die nächste Person Zeit zuzusagen."),
        }
        error_messages = {
            "offer_hold_hours": {
                "required": _("Geben Sie an, wie viele Stunden ein angebotener Platz frei gehalten wird."),
                "invalid": _("Geben Sie die Frist als ganze Zahl von Stunden ein, z. B. 48."),
            },
        }

    def clean_offer_hold_hours(self):
        hours = self.cleaned_data["offer_hold_hours"]
        if not 1 <= hours <= 336:
            raise forms.ValidationError(_("Geben Sie eine Frist zwischen 1 und 336 Stunden (14 Tage) ein."))
        return hours


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["label", "label_en", "kind", "choices", "choices_en", "required", "position"]
        widgets = {
            "choices": forms.Textarea(attrs={"rows": 3}),
            "choices_en": forms.Textarea(attrs={"rows": 3}),
            "position": forms.NumberInput(attrs={"min": 0, "max": 999}),
        }
        help_texts = {
            "choices": _("Nur bei der Art „Auswahl“: mindestens zwei Antworten, jede in eine eigene Zeile."),
            "choices_en": _("Gleiche Zahl und Reihenfolge wie die deutschen Antworten."),
            "position": _("Kleinere Zahlen stehen weiter oben. Leer = am Ende."),
        }
        error_messages = {
            "label": {"required": _("Geben Sie den Text der Frage ein.")},
            "position": {"invalid": _("Geben Sie die Reihenfolge als ganze Zahl ein.")},
        }

    def __init__(self, *args, answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["position"].required = False
        if self.instance.pk is None:
            self.initial["position"] = None  # so an untouched empty row counts as unchanged
        # Stored answers to this question: value -> how many people gave it.
        self.answers = (answers or {}).get(self.instance.pk, Counter()) if self.instance.pk else Counter()

    def clean_position(self):
        position = self.cleaned_data["position"]
        return 999 if position is None else position

    @property
    def answer_count(self):
        return sum(self.answers.values())

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        values = _lines(cleaned.get("choices", ""))
        if kind == Question.Kind.CHOICE and len(values) < 2:
            self.add_error("choices", _("Eine Auswahlfrage braucht mindestens zwei Antworten, je eine pro Zeile."))
        english = _lines(cleaned.get("choices_en", ""))
        # One answer per line, without the browser's \r\n or blank lines.
        cleaned["choices"], cleaned["choices_en"] = "\n".join(values), "\n".join(english)
        if kind == Question.Kind.CHOICE and english and len(english) != len(values):
            self.add_error(
                "choices_en",
                _("Geben Sie genauso viele englische wie deutsche Antworten ein, oder lassen Sie das Feld leer."),
            )
        if self.answer_count:
            self._protect_answers(cleaned, kind, values)
        return cleaned

    def _protect_answers(self, cleaned, kind, values):
        count = {"n": self.answer_count}
        if cleaned.get("DELETE"):
            self.add_error(
                None,
                ngettext(
                    "„%(label)s“ hat schon %(n)d Person beantwortet. Die Frage kann nicht gelöscht werden; "
                    "machen Sie sie stattdessen optional.",
                    "„%(label)s“ haben schon %(n)d Personen beantwortet. Die Frage kann nicht gelöscht werden; "
                    "machen Sie sie stattdessen optional.",
                    self.answer_count,
                )
                % {**count, "label": self.instance.label},
            )
        if kind and kind != self.instance.kind:
            self.add_error(
                "kind",
                _(
                    "Diese Frage wurde schon %(n)d-mal beantwortet; ihre Art kann nicht mehr geändert werden. "
                    "Legen Sie für eine andere Art eine neue Frage an."
                )
                % count,
            )
        elif kind == Question.Kind.CHOICE:
            dropped = sorted(value for value in self.answers if value and value not in values)
            if dropped:
                self.add_error(
                    "choices",
                    _("Diese Antworten wurden schon gegeben und müssen bleiben: %(values)s. Ergänzen Sie sie wieder.")
                    % {"values": ", ".join(dropped)},
                )


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class BaseQuestionFormSet(forms.BaseInlineFormSet):
    def __init__(self, *args, answers=None, **kwargs):
        self.answers = answers or {}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "answers": self.answers}

    def _should_delete_form(self, form):
        # A protected question is never deleted, even if validation were skipped.
        return super()._should_delete_form(form) and not getattr(form, "answer_count", 0)


QuestionFormSet = forms.inlineformset_factory(
    Event,
    Question,
    form=QuestionForm,
    formset=BaseQuestionFormSet,
    extra=2,
    can_delete=True,
)


def setup_forms(event, data=None):
    answers = stored_answers(event)
    settings_form = SettingsForm(data, instance=settings_for(event), prefix="einstellungen")
    questions = QuestionFormSet(data, instance=event, prefix="fragen", answers=answers)
    return settings_form, questions
