"""The label and one-line definition of every figure: shown next to it on the page and in the
exports' definitions sheet."""

from django.utils.translation import gettext_lazy as _

FIGURES = {
    "offers_held": (
        _("Angebote durchgeführt"),
        _("Angebote (Veranstaltungen und ganze Fortbildungen) mit Beginn im Zeitraum, als durchgeführt markiert."),
    ),
    "offers_cancelled": (
        _("Angebote abgesagt"),
        _("Angebote mit Beginn im Zeitraum, die abgesagt wurden; sie zählen bei keiner anderen Zahl mit."),
    ),
    "offers_planned": (
        _("Angebote geplant"),
        _("Veröffentlichte Angebote mit Beginn im Zeitraum, noch nicht als durchgeführt markiert."),
    ),
    "sessions": (
        _("Termine"),
        _(
            "Einzeltermine nicht abgesagter Veranstaltungen und Module; ohne eigene Termine zählt eine "
            "Veranstaltung als ein Termin."
        ),
    ),
    "training_hours": (
        _("Stunden"),
        _(
            "Geplante Stunden: Summe der Termine, sonst Beginn bis Ende; eine Fortbildung zählt die Stunden "
            "ihrer Module."
        ),
    ),
    "participant_hours": (
        _("Teilnahmestunden"),
        _("Stunden jeder Veranstaltung und jedes Moduls mal die Zahl der dort Anwesenden (eingecheckt)."),
    ),
    "registrations": (
        _("Anmeldungen"),
        _(
            "Anmeldungen zu Angeboten mit Beginn im Zeitraum, deren E-Mail-Adresse bestätigt wurde oder die "
            "das Team eingetragen hat."
        ),
    ),
    "confirmed": (
        _("Bestätigte Anmeldungen"),
        _("Anmeldungen mit mindestens einem bestätigten Platz, der nicht abgesagt wurde."),
    ),
    "attended": (
        _("Teilgenommen"),
        _("Anmeldungen, die bei mindestens einem Termin eingecheckt wurden."),
    ),
    "no_shows": (
        _("Nicht erschienen"),
        _("Bestätigte Anmeldungen zu durchgeführten Angeboten ohne einen einzigen Check-in."),
    ),
    "waiting_demand": (
        _("Nachfrage auf der Warteliste"),
        _("Anmeldungen, die auf der Warteliste standen und nie einen Platz bekamen (wer nachrückte, zählt nicht)."),
    ),
    "cancellations": (
        _("Absagen"),
        _("Anmeldungen, bei denen die Person einen Platz oder Wartelistenplatz selbst zurückgab."),
    ),
    "people": (
        _("Personen"),
        _(
            "Verschiedene Personen mit bestätigtem Platz; wer zu drei Angeboten kam, zählt einmal (auch "
            "nach der Anonymisierung, über ein Pseudonym)."
        ),
    ),
    "first_timers": (
        _("Erstmals dabei"),
        _("Personen, die im Zeitraum zum ersten Mal an einem Angebot teilnahmen."),
    ),
    "municipalities": (
        _("Erreichte Gemeinden"),
        _("Verschiedene Wohngemeinden der Personen mit bestätigtem Platz."),
    ),
    "from_other_districts": (
        _("Aus anderen Landkreisen"),
        _(
            "Bestätigte Anmeldungen von Personen, deren Gemeinde in einem anderen Landkreis liegt als der "
            "Ort des Angebots."
        ),
    ),
    "multipliers_certified": (
        _("Multiplikator_innen zertifiziert"),
        _("Abschlusszertifikate von Multiplikator_innen-Fortbildungen, verschickt im Zeitraum."),
    ),
    "multipliers_listed": (
        _("Multiplikator_innen öffentlich gelistet"),
        _(
            "Multiplikator_innen, die heute öffentlich als Ansprechpersonen gelistet sind (Profil vor Ende "
            "des Zeitraums angelegt)."
        ),
    ),
    "consultations": (
        _("Beratungen"),
        _("Beratungen, die Multiplikator_innen anonym für einen Monat im Zeitraum eingetragen haben."),
    ),
    "training_requests": (
        _("Schulungsanfragen"),
        _("Anfragen nach einer Schulung vor Ort, eingegangen im Zeitraum."),
    ),
    "workshops": (
        _("Workshops auf Fachkonferenzen"),
        _("Workshops der nicht abgesagten Fachkonferenzen im Zeitraum."),
    ),
    "workshop_places": (
        _("Workshopplätze belegt"),
        _("Vergebene Plätze in diesen Workshops (ohne Warteliste)."),
    ),
    "workshops_full": (
        _("Workshops ausgebucht"),
        _("Workshops mit begrenzten Plätzen, in denen jeder Platz vergeben ist."),
    ),
    "feedback_answers": (
        _("Feedback-Antworten"),
        _("Antworten auf die anonyme Feedback-Umfrage nach Angeboten im Zeitraum."),
    ),
    "feedback_overall": (
        _("Gesamteindruck (Mittel, 1–5)"),
        _("Mittelwert des Gesamteindrucks; erst ab 5 Antworten gezeigt, damit niemand erkennbar wird."),
    ),
    "feedback_usefulness": (
        _("Nutzen (Mittel, 1–5)"),
        _("Mittelwert des Nutzens für das Engagement; erst ab 5 Antworten gezeigt."),
    ),
    "subscribers": (
        _("Newsletter-Abonnent_innen"),
        _("Bestätigte Abonnements am Ende des Zeitraums."),
    ),
}
