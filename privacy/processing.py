"""The record of processing activities (Verzeichnis von Verarbeitungstätigkeiten, Art. 30 GDPR).

Each app that processes personal data declares its activities (`PROCESSING_ACTIVITIES` in its
contributions module) and the retention rules that delete it (`RETENTION_RULES`); an activity's
retention lines are the labels of the rules it names, with this installation's periods from
settings.PRIVACY_RETENTION, so the record and the code that deletes data cannot drift apart.
Apps that are not installed declare nothing.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import registry

TECHNICAL_MEASURES = [
    _("Verschlüsselte Übertragung (HTTPS mit HSTS), strenge Content-Security-Policy"),
    _("Zwei-Faktor-Anmeldung für alle Rollen, die personenbezogene Daten sehen"),
    _("Rollen- und Rechtekonzept; jeder Zugriff des Teams auf personenbezogene Daten wird protokolliert"),
    _("Persönliche Links nur als signierte, nicht erratbare Tokens; keine personenbezogenen Daten in Adressen"),
    _("Keine personenbezogenen Daten in technischen Protokollen und Fehlerseiten"),
    _("Automatische Anonymisierung und Löschung nach festen Fristen"),
    _("Regelmäßige Sicherungen mit dokumentierter Wiederherstellung"),
]


def retention_lines(activity, rules=None):
    """The activity's retention rules as text: each rule's label with its period filled in."""
    labels = {rule.key: rule.label for rule in (rules if rules is not None else registry.retention_rules())}
    periods = settings.PRIVACY_RETENTION
    lines = [labels[key] % {"value": periods[key]} for key in activity.retention_key if key in labels]
    if activity.retention_text:
        lines.append(activity.retention_text)
    return lines


def processing_record():
    """The activities that apply to this installation, each with its retention rules as text."""
    rules = registry.retention_rules()
    return [
        {"activity": activity, "retention": retention_lines(activity, rules)}
        for activity in registry.processing_activities()
    ]
