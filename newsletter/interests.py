"""The choice of regions and topics, shared by the public forms and the team's sending form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsletter.queries import district_choices, topic_choices


class InterestsForm(forms.Form):
    """Region and topics; none chosen means all of Saxony, every topic."""

    districts = forms.ModelMultipleChoiceField(
        label=_("Regionen"),
        queryset=district_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl bekommen Sie Nachrichten aus ganz Sachsen."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Themen"),
        queryset=topic_choices(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ohne Auswahl bekommen Sie alle Themen."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Fresh querysets per form: topics may have been archived since start-up.
        self.fields["districts"].queryset = district_choices()
        self.fields["topics"].queryset = topic_choices()
