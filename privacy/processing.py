"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR).

Generated from this configuration and the retention settings, so the record and the code that
deletes data cannot drift apart. An activity whose app is not installed is left out.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Activity:
    key: str
    name: str
    purpose: str
    legal_basis: str
    data_subjects: str
    data_categories: str
    recipients: str
    retention_key: tuple = ()
    retention_text: str = ""
    needs_app: str = ""
    notes: list = field(default_factory=list)


PROCESSING_ACTIVITIES = [
    Activity(
        key="registrations",
        name=_("Anmeldungen zu Veranstaltungen und Warteliste"),
        purpose=_("Plätze vergeben, Teilnehmer_innen informieren, Teilnahme bestätigen, Berichte an Fördermittelgeber"),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. b DSGVO (Teilnahme); Art. 6 Abs. 1 lit. a und Art. 9 Abs. 2 lit. a DSGVO für "
            "freiwillige Angaben zu Bedarfen (Barrierefreiheit, Kinderbetreuung, Verpflegung)"
        ),
        data_subjects=_("Teilnehmer_innen und Personen auf der Warteliste"),
        data_categories=_(
            "Name, E-Mail-Adresse, Telefon (freiwillig), Organisation (freiwillig), Gemeinde, Rolle, "
            "Antworten auf Fragen der Veranstaltung, Bedarfe, Version und Zeitpunkt der Einwilligung"
        ),
        recipients=_(
            "Projektteam; Referent_innen der Veranstaltung und Partnerorganisationen nur, soweit ihre Rolle es "
            "erfordert; keine Übermittlung in Drittländer"
        ),
        retention_key=("participant_months_after_event", "unconfirmed_days", "attendance_list_years"),
        needs_app="registrations",
    ),
    Activity(
        key="mail",
        name=_("E-Mail-Versand (Warteschlange)"),
        purpose=_("Bestätigungen, Erinnerungen und Nachrichten zuverlässig zustellen"),
        legal_basis=_("Art. 6 Abs. 1 lit. b DSGVO"),
        data_subjects=_("Empfänger_innen von E-Mails der Plattform"),
        data_categories=_("E-Mail-Adresse, Inhalt der Nachricht, Versandstatus"),
        recipients=_("eigener Mailserver des Trägers"),
        retention_text=_("Inhalte weitergeleiteter Kontaktnachrichten werden nach dem Versand gelöscht."),
        needs_app="mail",
    ),
    Activity(
        key="relay",
        name=_("Kontaktformulare (Weiterleitung an Multiplikator_innen und Initiativen)"),
        purpose=_("Kontakt ermöglichen, ohne die E-Mail-Adresse der Empfänger_innen zu veröffentlichen"),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung beim Absenden)"),
        data_subjects=_("Absender_innen von Kontaktanfragen"),
        data_categories=_("Name, E-Mail-Adresse, Nachricht"),
        recipients=_("die angeschriebene Person oder Initiative"),
        retention_text=_("Der Nachrichtentext wird nach dem Versand gelöscht."),
        needs_app="relay",
    ),
    Activity(
        key="accounts",
        name=_("Konten für Team, Referent_innen, Partner und Multiplikator_innen"),
        purpose=_("Anmeldung im geschützten Bereich, Rollen und Rechte, Nachvollziehbarkeit von Zugriffen"),
        legal_basis=_("Art. 6 Abs. 1 lit. b und f DSGVO"),
        data_subjects=_("Mitarbeiter_innen, Referent_innen, Partnerorganisationen, Multiplikator_innen"),
        data_categories=_("Name, E-Mail-Adresse, Rolle, Passwort-Hash, zweiter Faktor, Protokoll der Zugriffe"),
        recipients=_("Administration"),
        retention_key=("audit_log_months",),
    ),
    Activity(
        key="logs",
        name=_("Technische Protokolle und Schutz vor Missbrauch"),
        purpose=_("Betrieb, Fehlersuche, Begrenzung automatisierter Anfragen"),
        legal_basis=_("Art. 6 Abs. 1 lit. f DSGVO"),
        data_subjects=_("Besucher_innen der Website"),
        data_categories=_(
            "IP-Adresse nur kurzzeitig im Zwischenspeicher für Zugriffsbegrenzungen; Protokolle ohne Namen, "
            "E-Mail-Adressen oder Telefonnummern"
        ),
        recipients=_("Administration"),
        retention_text=_("Zähler für Zugriffsbegrenzungen verfallen nach spätestens einer Stunde."),
    ),
]

RETENTION_LABELS = {
    "participant_months_after_event": _(
        "Teilnehmer_innendaten werden %(value)s Monate nach der Veranstaltung anonymisiert."
    ),
    "unconfirmed_days": _("Nicht bestätigte oder verfallene Anmeldungen werden nach %(value)s Tagen gelöscht."),
    "attendance_list_years": _(
        "Teilnahmelisten (Name und Gemeinde der Anwesenden), die Fördermittelgeber verlangen, werden %(value)s Jahre "
        "nach der Veranstaltung gelöscht."
    ),
    "audit_log_months": _("Das Zugriffsprotokoll wird %(value)s Monate aufbewahrt."),
}

TECHNICAL_MEASURES = [
    _("Verschlüsselte Übertragung (HTTPS mit HSTS), strenge Content-Security-Policy"),
    _("Zwei-Faktor-Anmeldung für alle Rollen, die personenbezogene Daten sehen"),
    _("Rollen- und Rechtekonzept; jeder Zugriff des Teams auf personenbezogene Daten wird protokolliert"),
    _("Persönliche Links nur als signierte, nicht erratbare Tokens; keine personenbezogenen Daten in Adressen"),
    _("Keine personenbezogenen Daten in technischen Protokollen und Fehlerseiten"),
    _("Automatische Anonymisierung und Löschung nach festen Fristen"),
    _("Regelmäßige Sicherungen mit dokumentierter Wiederherstellung"),
]


def retention_lines(activity):
    rules = settings.PRIVACY_RETENTION
    lines = [RETENTION_LABELS[key] % {"value": rules[key]} for key in activity.retention_key]
    if activity.retention_text:
        lines.append(activity.retention_text)
    return lines


def processing_record():
    """The activities that apply to this installation, each with its retention rules as text."""
    return [
        {"activity": activity, "retention": retention_lines(activity)}
        for activity in PROCESSING_ACTIVITIES
        if not activity.needs_app or apps.is_installed(activity.needs_app)
    ]
