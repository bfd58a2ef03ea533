from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from events.models import Event


class RuleForm(forms.Form):
    required_modules = forms.ModelMultipleChoiceField(
        label=_("Pflichtmodule"),
        queryset=Event.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Diese Module muss jede Person besucht (oder nachgeholt) haben."),
    )
    minimum_modules = forms.IntegerField(
        label=_("Mindestzahl der Module"),
        min_value=1,
        required=False,
        help_text=_("Zum Beispiel 5 für „5 von 6“. Leer = alle Module."),
    )
    allow_make_up = forms.BooleanField(
        label=_("Nachholen in einem anderen Durchgang erlaubt"),
        required=False,
        help_text=_("Zählt ein Modul, das die Person in einem anderen Durchgang derselben Fortbildung besucht hat."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirmed = forms.BooleanField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = modules
        self.fields["required_modules"].queryset = Event.objects.filter(pk__in=[m.pk for m in modules]).order_by(
            "start", "id"
        )
        self.fields["minimum_modules"].validators.append(MaxValueValidator(len(modules)))
        self.fields["minimum_modules"].widget.attrs["max"] = len(modules)

    def clean(self):
        data = super().clean()
        minimum = data.get("minimum_modules")
        required = data.get("required_modules") or []
        if minimum is not None and len(required) > minimum:
            self.add_error(
                "minimum_modules",
                _(
                    "Die Mindestzahl ist kleiner als die Zahl der Pflichtmodule. "
                    "Erhöhen Sie sie oder wählen Sie weniger Pflichtmodule."
                ),
            )
        return data
