"""The team's forms: queue filters, state change, assignment, note, message."""

from dataclasses import dataclass
from datetime import timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from core.filters import FilterQuery, read_form
from training_requests.models import TrainingRequest

FILTER_PARAMS = ("stand", "kreis", "art", "zustaendig", "alter", "antworten")
AGES = (("7", gettext_lazy("älter als 7 Tage")), ("30", gettext_lazy("älter als 30 Tage")))
REPLIES = (
    ("ungelesen", gettext_lazy("ungelesene Antworten")),
    ("unbeantwortet", gettext_lazy("unbeantwortet (letzte Nachricht von der anfragenden Person)")),
)


def team_members():
    return User.objects.filter(role__in=(User.Role.ADMIN, User.Role.TEAM), is_active=True).order_by("email")


class QueueFilterForm(forms.Form):
    stand = forms.ChoiceField(label=gettext_lazy("Stand"), required=False)
    kreis = forms.ChoiceField(label=gettext_lazy("Landkreis / Stadt"), required=False)
    art = forms.ChoiceField(label=gettext_lazy("Art der Organisation"), required=False)
    zustaendig = forms.ChoiceField(label=gettext_lazy("Zuständig"), required=False)
    alter = forms.ChoiceField(label=gettext_lazy("Alter"), required=False)
    antworten = forms.ChoiceField(label=gettext_lazy("Antworten der Anfragenden"), required=False)

    def __init__(self, data, *, districts, members):
        super().__init__(data)
        every = [("", _("alle"))]
        self.fields["stand"].choices = every + list(TrainingRequest.State.choices)
        self.fields["kreis"].choices = every + [(d.slug, d.short_name) for d in districts]
        self.fields["art"].choices = every + list(TrainingRequest.Kind.choices)
        self.fields["zustaendig"].choices = (
            every + [("niemand", _("noch niemand"))] + [(str(m.pk), m.get_full_name() or m.email) for m in members]
        )
        self.fields["alter"].choices = every + list(AGES)
        self.fields["antworten"].choices = every + list(REPLIES)


@dataclass
class QueueQuery(FilterQuery):
    def filter(self, queryset, now=None):
        values = self.values
        if values.get("stand"):
            queryset = queryset.filter(state=values["stand"])
        if values.get("kreis"):
            queryset = queryset.filter(municipality__district__slug=values["kreis"])
        if values.get("art"):
            queryset = queryset.filter(kind=values["art"])
        if values.get("zustaendig") == "niemand":
            queryset = queryset.filter(assignee__isnull=True)
        elif values.get("zustaendig"):
            queryset = queryset.filter(assignee=int(values["zustaendig"]))
        if values.get("alter"):
            cutoff = (now or timezone.now()) - timedelta(days=int(values["alter"]))
            queryset = queryset.filter(created_at__lt=cutoff)
        if values.get("antworten") == "ungelesen":
            queryset = queryset.filter(last_unread_id__isnull=False)
        elif values.get("antworten") == "unbeantwortet":
            queryset = queryset.filter(last_from_team=False)
        return queryset


def read_filters(params, *, districts, members):
    query = read_form(QueueQuery, QueueFilterForm, params, FILTER_PARAMS, districts=districts, members=members)
    for name in query.values:
        query.add_field_chip(name)
    return query


class OnSharedPage(forms.Form):
    """Several forms share the request page: each gets its own element ids."""

    id_prefix = "form"
    refusal_field = None  # where a refusal of the service is shown (None: above the form)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class VersionForm(OnSharedPage):
    """The version the page showed (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    id_prefix = "version"


class StateForm(VersionForm):
    id_prefix = "decline"
    refusal_field = "reason"
    state = forms.ChoiceField(choices=TrainingRequest.State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=gettext_lazy("Begründung (liest die anfragende Person)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AssignForm(VersionForm):
    id_prefix = "assign"
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Zuständig"), queryset=User.objects.none(), required=False, empty_label=_("noch niemand")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = team_members()
        self.fields["assignee"].label_from_instance = lambda user: user.get_full_name() or user.email


class NoteForm(OnSharedPage):
    id_prefix = "note"
    body = forms.CharField(
        label=gettext_lazy("Interne Notiz (sieht nur das Team)"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Bitte schreiben Sie eine Notiz.")},
    )


class MarkReadForm(OnSharedPage):
    """„Als gelesen markieren“ in the queue: `up_to` is the newest reply the queue showed (a reply
    that arrived since stays unread), `back` the queue's query string to return to."""

    id_prefix = "read"
    up_to = forms.IntegerField(widget=forms.HiddenInput)
    back = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_back(self):
        params = QueryDict(self.cleaned_data["back"].lstrip("?"))
        kept = QueryDict(mutable=True)
        for name in (*FILTER_PARAMS, "seite"):
            if params.get(name):
                kept[name] = params[name]
        return f"?{kept.urlencode()}" if kept else ""


class MessageForm(OnSharedPage):
    id_prefix = "message"
    body = forms.CharField(
        label=gettext_lazy("Nachricht an die anfragende Person"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Bitte schreiben Sie eine Nachricht.")},
    )
