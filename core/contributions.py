"""What the core app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import PeriodicTask, ProcessingActivity, Urls

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("core.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------


# Public forms' used tokens are forgotten once they have expired (core.guards; idempotent).
PERIODIC_TASKS = [PeriodicTask("core.tasks.prune_used_form_tokens", 60 * 60)]

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
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
        order=50,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------

ANNOUNCES = {
    "public_pages_next_change": "now: the next moment after `now` at which time alone changes a public page, e.g. an "
    "offer starts or its registration closes (returns a datetime or None; core.public_cache)",
}
