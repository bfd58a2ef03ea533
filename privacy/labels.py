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
    # Keys other apps' exports use (training requests, the board, the newsletter, conferences).
    "ansprechperson": _("Ansprechperson"),
    "nachricht": _("Nachricht"),
    "partner_vor_ort": _("Beteiligte Partner_innen vor Ort"),
    "stand": _("Stand"),
    "eingegangen_am": _("Eingegangen am"),
    "art": _("Art"),
    "suche_biete": _("Suche oder Biete"),
    "bereich": _("Bereich"),
    "ueberschrift": _("Überschrift"),
    "text": _("Text"),
    "wer": _("Wer"),
    "vorname": _("Vorname"),
    "erstellt_am": _("Erstellt am"),
    "gueltig_bis": _("Gültig bis"),
    "was": _("Was"),
    "bestaetigt_am": _("Bestätigt am"),
    "regionen": _("Regionen"),
    "themen": _("Themen"),
    "veranstaltung": _("Veranstaltung"),
    "name_auf_dem_namensschild": _("Name auf dem Namensschild"),
    "pronomen": _("Pronomen"),
    "strecke": _("Strecke"),
    "betrag": _("Betrag"),
    "bewilligt": _("Bewilligt"),
    "kontoinhaber_in": _("Kontoinhaber_in"),
    "iban": _("IBAN"),
    "belege": _("Belege"),
    # The multiplier programme's profile and consultation log.
    "anzeigename": _("Angezeigter Name"),
    "sprachen": _("Sprachen"),
    "so_kann_ich_helfen": _("So kann ich helfen"),
    "erreichbarkeit": _("Erreichbarkeit"),
    "oeffentlich_gelistet": _("Öffentlich gelistet"),
    "einwilligung_version": _("Version der Einwilligung"),
    "monat": _("Monat"),
    "beraten_wurde": _("Beraten wurde"),
    "fachstelle": _("Fachstelle"),
    "dauer": _("Dauer"),
}


def labelled(item):
    """(label, value) pairs of one exported record. Lists and mappings (bookings, answers, a
    thread of messages) are left out: the page shows the first two on their own, the JSON file
    carries all of them. A key without a label is shown as it is exported."""
    return [(FIELD_LABELS.get(key, key), value) for key, value in item.items() if not isinstance(value, (list, dict))]
