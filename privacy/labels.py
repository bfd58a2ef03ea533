"""Readable labels for the keys of the data export, so the page and the JSON show the same data."""

from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "angebot": _("Angebot"),
    "angemeldet_am": _("Angemeldet am"),
    "sprache": _("Sprache"),
    "name": _("Name"),
    "email": _("E-Mail-Adresse"),
    "telefon": _("Telefon"),
    "organisation": _("Organisation oder Initiative"),
    "rolle": _("Rolle"),
    "gemeinde": _("Gemeinde"),
    "landkreis": _("Landkreis"),
    "erstmals_dabei": _("Erstmals dabei"),
    "barrierefreiheit": _("Barrierefreiheit"),
    "kinderbetreuung": _("Kinderbetreuung"),
    "sprachmittlung": _("Sprachmittlung"),
    "ernaehrung": _("Ernährung"),
    "antworten": _("Antworten auf Fragen zur Anmeldung"),
    "newsletter": _("Newsletter gewünscht"),
    "email_bestaetigt_am": _("E-Mail-Adresse bestätigt am"),
    "datenschutzerklaerung_version": _("Version der Datenschutzerklärung"),
    "eingewilligt_am": _("Eingewilligt am"),
    "anonymisiert_ab": _("Wird anonymisiert ab"),
    "termine": _("Termine"),
}


def labelled(item):
    """(label, value) pairs of one exported registration, bookings and answers left out."""
    return [(FIELD_LABELS[key], value) for key, value in item.items() if key not in {"termine", "antworten"}]
