"""What the newsletter app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import (
    MenuEntry,
    PeriodicTask,
    PersonalDataHolder,
    ProcessingActivity,
    RetentionRule,
    StaffUrls,
    Urls,
)
from newsletter import personal_data, services
from newsletter.permissions import can_manage_newsletter
from newsletter.sitemaps import IssueSitemap

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("newsletter.urls")]
STAFF_URLS = [StaffUrls(module="newsletter.staff_urls", prefix="")]
MENU = [MenuEntry("newsletter", _("Newsletter"), "newsletter_staff:overview", can_manage_newsletter, order=55)]
SITEMAPS = {"newsletter": IssueSitemap}

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "newsletter.issue_created": _("Newsletter-Ausgabe angelegt"),
    "newsletter.issues_exported": _("Newsletter-Ausgaben exportiert"),
    "newsletter.issue_changed": _("Newsletter-Ausgabe geändert"),
    "newsletter.test_sent": _("Newsletter-Testausgabe gesendet"),
    "newsletter.sending_started": _("Newsletter-Versand gestartet"),
}

PERIODIC_TASKS = [PeriodicTask("newsletter.tasks.resume_sendings", 60)]

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="newsletter",
        name=_("Newsletter"),
        purpose=_("Den Newsletter an Menschen senden, die ihn bestellt und ihre Adresse bestätigt haben"),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung, jederzeit widerrufbar)"),
        data_subjects=_("Abonnent_innen des Newsletters"),
        data_categories=_(
            "E-Mail-Adresse, Sprache, gewählte Regionen und Themen, Version und Zeitpunkt der Einwilligung, "
            "Zeitpunkte von Anmeldung, Bestätigung und Abmeldung"
        ),
        recipients=_("Projektteam; keine Übermittlung an Dritte oder in Drittländer"),
        retention_key=("newsletter_unconfirmed_days",),
        retention_text=_(
            "Bei der Abmeldung wird die Adresse sofort gelöscht, wartende Ausgaben an sie ebenso. Wer „nie wieder“ "
            "wählt, hinterlässt nur einen verschlüsselten Fingerabdruck (HMAC) der Adresse. Zahlen für Berichte "
            "bleiben ohne Adresse erhalten."
        ),
        order=40,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="newsletter_unconfirmed_days",
        label=_("Nicht bestätigte Newsletter-Anmeldungen werden nach %(value)s Tagen gelöscht."),
        apply=services.delete_unconfirmed,
        order=60,
    ),
]

# „Meine Daten“ and the staff tool list and export the subscription; erasure ends it (privacy's hook
# `address_erased` below then finds nothing left under the address).
PERSONAL_DATA = [
    PersonalDataHolder(
        key="newsletter",
        export_key="newsletter",
        find=personal_data.subscriptions_of,
        export=personal_data.export,
        erase=personal_data.erase,
        describe=personal_data.describe,
        order=120,
    ),
]

# --- Hooks ----------------------------------------------------------------------------------

HOOKS = {
    "newsletter_requested": services.subscribe_from_registration,
    "address_erased": services.erase_address,
}
