"""The board's public forms: a post, the poster's change, a report, an alert, a new link."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from board.models import Category, Kind, Post, Report
from core.guards import FormGuard
from network.models import Initiative
from privacy.consent import ConsentFormMixin
from regions.forms import MunicipalityField
from regions.models import District

EMAIL_INVALID = gettext_lazy("Bitte geben Sie eine E-Mail-Adresse in der Form name@beispiel.de an.")


class PostContentForm(forms.ModelForm):
    """What a post says and who it is from; shared by the new post and the poster's change."""

    place = MunicipalityField(help_text=gettext_lazy("Die sächsische Stadt oder Gemeinde, um die es geht."))
    initiative_name = forms.CharField(
        label=gettext_lazy("Name der Initiative"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("So, wie sie auf dieser Plattform unter „Initiativen“ steht."),
    )

    class Meta:
        model = Post
        fields = ["kind", "category", "title", "text", "poster", "organisation", "first_name"]
        widgets = {
            "kind": forms.RadioSelect,
            "poster": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 6}),
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
        }
        labels = {
            "organisation": gettext_lazy("Name der Fachstelle oder Verwaltung"),
            "first_name": gettext_lazy("Vorname (optional)"),
        }
        help_texts = {
            "title": gettext_lazy("Kurz und klar, zum Beispiel „Dolmetscher_innen Arabisch gesucht“."),
            "text": gettext_lazy(
                "Was wird gebraucht oder angeboten, wann und wie oft? Bitte keine Telefonnummern oder "
                "E-Mail-Adressen: Antworten kommen über das Kontaktformular zu Ihnen."
            ),
            "organisation": gettext_lazy("Nur wenn eine Fachstelle oder Verwaltung schreibt."),
            "first_name": gettext_lazy("Nur für Privatpersonen. Leer lassen, wenn kein Name erscheinen soll."),
        }
        error_messages = {
            "kind": {"required": gettext_lazy("Bitte wählen Sie, ob Sie etwas suchen oder anbieten.")},
            "category": {"required": gettext_lazy("Bitte wählen Sie einen Bereich.")},
            "title": {"required": gettext_lazy("Bitte geben Sie eine Überschrift an.")},
            "text": {"required": gettext_lazy("Bitte beschreiben Sie in ein paar Sätzen, worum es geht.")},
            "poster": {"required": gettext_lazy("Bitte wählen Sie, wer schreibt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Kind.choices
        self.fields["poster"].choices = Post.Poster.choices
        self.fields["category"].choices = [("", _("Bitte wählen"))] + list(Category.choices)
        if self.instance.pk and not self.is_bound:
            self.initial["place"] = self.instance.municipality
            if self.instance.initiative_id:
                self.initial["initiative_name"] = self.instance.initiative.name

    def clean_place(self):
        place = self.cleaned_data["place"]
        self.instance.municipality_id = place.id
        return place

    def clean(self):
        cleaned = super().clean()
        poster = cleaned.get("poster")
        self.instance.initiative = None
        if poster == Post.Poster.INITIATIVE:
            name = " ".join(cleaned.get("initiative_name", "").split())
            initiative = Initiative.objects.approved().filter(name__iexact=name).first() if name else None
            if initiative is None:
                self.add_error(
                    "initiative_name",
                    _(
                        "Wir finden keine Initiative „%(name)s“ auf dieser Plattform. Bitte schreiben Sie den Namen "
                        "wie unter „Initiativen“, oder schlagen Sie Ihre Initiative zuerst vor."
                    )
                    % {"name": name}
                    if name
                    else _("Bitte geben Sie den Namen Ihrer Initiative an."),
                )
            self.instance.initiative = initiative
        if poster in (Post.Poster.SERVICE, Post.Poster.ADMINISTRATION) and not cleaned.get("organisation", "").strip():
            self.add_error("organisation", _("Bitte geben Sie den Namen der Fachstelle oder Verwaltung an."))
        if poster != Post.Poster.PRIVATE:
            cleaned["first_name"] = ""
        if poster not in (Post.Poster.SERVICE, Post.Poster.ADMINISTRATION):
            cleaned["organisation"] = ""
        return cleaned


class PostForm(ConsentFormMixin, FormGuard, PostContentForm):
    """The public form "Suche/Biete eintragen": no account; the address is confirmed by mail."""

    valid_until = forms.DateField(
        label=gettext_lazy("Gültig bis"),
        help_text=gettext_lazy("Danach verschwindet der Beitrag. Eine Woche vorher erinnern wir Sie per E-Mail."),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": gettext_lazy("Bitte geben Sie ein Datum an, zum Beispiel 31.12.2026.")},
    )

    class Meta(PostContentForm.Meta):
        fields = [*PostContentForm.Meta.fields, "email"]
        widgets = {**PostContentForm.Meta.widgets, "email": forms.EmailInput(attrs={"autocomplete": "email"})}
        help_texts = {
            **PostContentForm.Meta.help_texts,
            "email": gettext_lazy(
                "Wird nie veröffentlicht. Sie bekommen einen Bestätigungslink und Antworten über das Kontaktformular."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].initial = timezone.localdate() + timedelta(weeks=settings.BOARD_VALID_WEEKS)
        self.fields["email"].error_messages.update(
            {"required": _("Bitte geben Sie Ihre E-Mail-Adresse an."), "invalid": EMAIL_INVALID}
        )
        self.order_fields(["kind", "category", "title", "text", "place", "poster", "initiative_name"])

    def clean_valid_until(self):
        day = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        latest = today + timedelta(weeks=settings.BOARD_MAX_WEEKS)
        if day <= today:
            raise forms.ValidationError(_("Bitte wählen Sie ein Datum nach dem heutigen Tag."))
        if day > latest:
            raise forms.ValidationError(
                _("Ein Beitrag gilt höchstens %(weeks)s Wochen, also bis %(day)s. Sie können ihn danach verlängern.")
                % {"weeks": settings.BOARD_MAX_WEEKS, "day": latest.strftime("%d.%m.%Y")}
            )
        return day

    def save(self, commit=True):
        post = super().save(commit=False)
        day = self.cleaned_data["valid_until"]
        post.valid_until = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.max.time()))
        if commit:
            post.save()
        return post


class ReportForm(FormGuard, forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "note"]
        widgets = {"reason": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 4})}
        labels = {"note": gettext_lazy("Was ist das Problem? (optional)")}
        error_messages = {"reason": {"required": gettext_lazy("Bitte wählen Sie einen Grund.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Report.Reason.choices
        self.fields["note"].max_length = 2000


class AlertForm(ConsentFormMixin, FormGuard, forms.Form):
    """ "Benachrichtigung bei neuen Beiträgen": double opt-in, one alert per wish."""

    email = forms.EmailField(
        label=gettext_lazy("Ihre E-Mail-Adresse"),
        error_messages={"required": gettext_lazy("Bitte geben Sie Ihre E-Mail-Adresse an."), "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    art = forms.ChoiceField(label=gettext_lazy("Suche oder Biete"), required=False)
    kategorie = forms.ChoiceField(label=gettext_lazy("Bereich"), required=False)
    kreis = forms.ModelChoiceField(
        label=gettext_lazy("Landkreis / Stadt"), queryset=District.objects.order_by("short_name"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["art"].choices = [("", _("Suche und Biete"))] + list(Kind.choices)
        self.fields["kategorie"].choices = [("", _("alle Bereiche"))] + list(Category.choices)
        self.fields["kreis"].empty_label = _("ganz Sachsen")
        self.fields["kreis"].to_field_name = "slug"

    def alert_values(self):
        data = self.cleaned_data
        return {"email": data["email"], "kind": data["art"], "category": data["kategorie"], "district": data["kreis"]}


class NewLinkForm(FormGuard, forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Ihre E-Mail-Adresse"),
        error_messages={"required": gettext_lazy("Bitte geben Sie Ihre E-Mail-Adresse an."), "invalid": EMAIL_INVALID},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
