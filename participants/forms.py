"""Forms of the participant pages: filters, add by hand, change, write to people, walk-in."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import no_autofill
from participants.models import Mailing
from regions.queries import find_place
from registrations.forms import AnswersForm
from registrations.models import Registration, Role

STATUS_CHOICES = [
    ("", _("alle mit Platz oder auf der Warteliste")),
    ("confirmed", _("bestätigt")),
    ("pending", _("offen (E-Mail nicht bestätigt oder Platz angeboten)")),
    ("waiting", _("Warteliste")),
    ("cancelled", _("abgesagt oder verfallen")),
]


class ParticipantFilterForm(forms.Form):
    q = forms.CharField(label=_("Suche"), required=False, max_length=100, help_text=_("Name, E-Mail oder Organisation"))
    status = forms.ChoiceField(label=_("Stand"), required=False, choices=STATUS_CHOICES)
    rolle = forms.ChoiceField(label=_("Rolle"), required=False, choices=[("", _("alle Rollen")), *Role.choices])
    gemeinde = forms.ModelChoiceField(
        label=_("Gemeinde"), required=False, queryset=None, empty_label=_("alle Gemeinden"), to_field_name="pk"
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        self.fields["gemeinde"].queryset = municipalities
        self.fields["gemeinde"].error_messages["invalid_choice"] = _(
            "Aus dieser Gemeinde ist niemand angemeldet. Wählen Sie eine Gemeinde aus der Liste."
        )

    def filters(self):
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "q": data["q"].strip(),
            "status": data["status"],
            "role": data["rolle"],
            "municipality": data["gemeinde"],
        }


def about_the_person(form):
    """The team fills in the registration form for someone else: labels and messages speak about
    that person ("Name der Person"), not to the reader as the public form does."""
    fields = form.fields
    fields["name"].label = _("Name der Person")
    fields["name"].error_messages["required"] = _("Bitte geben Sie den Namen der Person an.")
    fields["role"].label = _("In welcher Rolle nimmt die Person teil?")
    fields["role"].error_messages["required"] = _("Bitte wählen Sie aus, in welcher Rolle die Person teilnimmt.")
    fields["municipality"].label = _("Gemeinde der Person in Sachsen")
    fields["municipality"].error_messages["required"] = _("Bitte geben Sie die Gemeinde der Person an.")
    fields["municipality"].help_text = _("Zum Beispiel Pirna oder Bad Schandau.")
    for name, (label, help_text) in ABOUT_THE_PERSON.items():
        if name in fields:
            fields[name].label = label
            fields[name].help_text = help_text or fields[name].help_text


ABOUT_THE_PERSON = {
    "accessibility_needs": (_("Was braucht die Person, um gut teilnehmen zu können (Barrierefreiheit)?"), ""),
    "childcare_needs": (
        _("Kinderbetreuung: Anzahl und Alter der Kinder der Person"),
        _("Nur ausfüllen, wenn die Person Kinderbetreuung braucht."),
    ),
    "interpretation_language": (
        _("Sprachmittlung: in welche Sprache?"),
        _("Nur ausfüllen, wenn die Person eine Übersetzung braucht, zum Beispiel Arabisch."),
    ),
    "newsletter_consent": (
        _("Die Person möchte den Newsletter von Support für Initiative bekommen."),
        _("Freiwillig und unabhängig von der Anmeldung; die Person kann ihn jederzeit abbestellen."),
    ),
}


class PhoneRegistrationForm(AnswersForm):
    """Add a person by hand (registration taken by phone or on paper). With an address the person
    gets the usual mails; without one, none (the team prints or reads out the confirmation page).
    The labels speak about the person, not to them: the team fills this in."""

    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person (freiwillig)"),
        required=False,
        help_text=_(
            "Mit Adresse bekommt die Person die üblichen E-Mails und bestätigt damit ihre Adresse. Ohne Adresse "
            "ist der Platz sofort bestätigt; die Person bekommt keine E-Mails, Sie können ihr die Bestätigung "
            "ausdrucken oder vorlesen."
        ),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        error_messages={"invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")},
    )
    language = forms.ChoiceField(label=_("Sprache der E-Mails"), choices=settings.LANGUAGES, initial="de")
    consent_by_phone = forms.BooleanField(
        label=_("Die Person hat am Telefon der Datenschutzerklärung zugestimmt."),
        error_messages={"required": _("Bitte lesen Sie der Person die Datenschutzhinweise vor und haken Sie dann an.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_autofill(self.fields[name] for name in ("name", "phone", "organisation", "municipality"))
        about_the_person(self)
        self.order_fields(["name", "email", "phone", "organisation", "role", "municipality", "language"])

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def person(self):
        return {**self.changes(), "email": self.cleaned_data["email"]}


class TeamChangeForm(AnswersForm):
    """The team changes what a person told us (on their request); the address stays."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        no_autofill(self.fields.values())
        about_the_person(self)


class MessageForm(forms.Form):
    audience = forms.ChoiceField(
        label=_("An wen?"),
        choices=[
            (Mailing.Audience.PARTICIPANTS, _("Alle mit Platz (bestätigt oder offen)")),
            (Mailing.Audience.WAITING, _("Alle auf der Warteliste")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Bitte wählen Sie, wer die Nachricht bekommt.")},
    )
    subject = forms.CharField(
        label=_("Betreff"),
        max_length=150,
        error_messages={
            "required": _("Bitte geben Sie einen Betreff an."),
            "max_length": _("Bitte kürzen Sie den Betreff auf höchstens %(limit_value)d Zeichen."),
        },
    )
    body = forms.CharField(
        label=_("Nachricht"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_("Die Anrede „Guten Tag <Name>“ und die Angaben zur Veranstaltung fügen wir selbst hinzu."),
        error_messages={
            "required": _("Bitte schreiben Sie eine Nachricht."),
            "max_length": _("Bitte kürzen Sie die Nachricht auf höchstens %(limit_value)d Zeichen."),
        },
    )


class WalkInForm(forms.Form):
    """At the door, one hand on the phone: only what the Teilnahmeliste needs."""

    name = forms.CharField(
        label=_("Vor- und Nachname"),
        max_length=200,
        error_messages={"required": _("Bitte geben Sie den Namen der Person an.")},
    )
    organisation = forms.CharField(label=_("Organisation oder Initiative"), max_length=200, required=False)
    municipality = forms.CharField(
        label=_("Gemeinde"),
        max_length=100,
        required=False,
        help_text=_("Zum Beispiel Pirna."),
    )
    role = forms.ChoiceField(
        label=_("Rolle"),
        choices=Role.choices,
        initial=Role.VOLUNTEER,
        error_messages={"required": _("Bitte wählen Sie eine Rolle.")},
    )
    email = forms.EmailField(
        label=_("E-Mail-Adresse der Person (freiwillig)"),
        required=False,
        help_text=_("Für die Teilnahmebescheinigung und die Feedback-Umfrage."),
        error_messages={"invalid": _("Bitte geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["municipality"].widget.attrs["list"] = "municipality-names"
        no_autofill(self.fields.values())

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_municipality(self):
        name = self.cleaned_data["municipality"]
        if not name:
            return None
        lookup = find_place(name)
        if lookup.place:
            return lookup.place.id
        raise forms.ValidationError(
            _("Diese Gemeinde kennen wir nicht. Prüfen Sie die Schreibweise oder lassen Sie das Feld leer.")
        )

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        # People sign up for a course, not for its modules: at a module's door, the course's
        # registrations count too.
        offers = [self.event.pk] + ([self.event.course_id] if self.event.course_id else [])
        if email and Registration.objects.active().filter(event__in=offers, email=email).exists():
            raise forms.ValidationError(
                _("Mit dieser Adresse ist schon jemand angemeldet. Suchen Sie die Person oben in der Liste.")
            )
        return email

    def person(self):
        data = self.cleaned_data
        return {
            "name": data["name"],
            "organisation": data["organisation"],
            "municipality_id": data["municipality"],
            "role": data["role"],
            "email": data["email"],
        }
