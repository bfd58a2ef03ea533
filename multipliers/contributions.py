"""What the multipliers app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import (
    EventTask,
    MenuEntry,
    PersonalDataHolder,
    ProcessingActivity,
    RetentionRule,
    StaffUrls,
    Urls,
)
from multipliers import personal_box, personal_data, retention, sitemaps
from multipliers.permissions import can_read_log_totals, can_run_programme, can_see_cohort

URLS = [Urls("multipliers.urls")]  # the multiplier's log, the certificate by personal link
STAFF_URLS = [StaffUrls(module="multipliers.staff_urls", prefix="")]

MENU = [MenuEntry("consultations", _("Beratungen"), "multipliers_staff:log_totals", can_read_log_totals, order=70)]

PROGRAMME = _("Multiplikator_innen-Programm")

EVENT_TASKS = [
    EventTask(
        "cohort",
        _("Kohorte: Module und Abschluss"),
        "multipliers_staff:cohort",
        can_see_cohort,
        order=90,
        group=PROGRAMME,
        description=_("Wer welches Modul besucht hat, wer abgeschlossen hat; als PDF und XLSX."),
    ),
    EventTask(
        "completion_rule",
        _("Abschlussregel"),
        "multipliers_staff:rule",
        can_run_programme,
        order=91,
        group=PROGRAMME,
        description=_("Pflichtmodule, Mindestzahl, Nachholen in einem anderen Durchgang."),
    ),
    EventTask(
        "completion_certificates",
        _("Zertifikate verschicken"),
        "multipliers_staff:certificates",
        can_run_programme,
        order=92,
        group=PROGRAMME,
        description=_("An alle, die abgeschlossen haben, mit Versandstand."),
    ),
]

AUDIT_ACTIONS = {
    "cohort.viewed": _("Kohorte angesehen oder exportiert"),
    "consultations.exported": _("Beratungszahlen exportiert"),
    "completion_rule.saved": _("Abschlussregel gespeichert"),
    "completion_certificates.sent": _("Zertifikate verschickt"),
    "completion_certificate.downloaded": _("Zertifikat heruntergeladen (persönlicher Link)"),
    "consultation.logged": _("Beratung eingetragen"),
    "consultation.deleted": _("Beratung gelöscht"),
    "multiplier.invited": _("Als Multiplikator_in eingeladen"),
    "multiplier.profile_saved": _("Profil als Multiplikator_in gespeichert"),
    "multiplier.listed": _("Profil als Multiplikator_in öffentlich gelistet"),
    "multiplier.unlisted": _("Öffentliches Profil als Multiplikator_in abgeschaltet"),
}

HOOKS = {"personal_page_box": personal_box.progress_box, "login_landing": personal_box.login_landing}

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="multiplier_profiles",
        name=_("Profile und öffentliche Liste der Multiplikator_innen"),
        purpose=_(
            "Zertifizierte Multiplikator_innen finden und über die Plattform anschreiben, ohne dass ihre "
            "Adresse weitergegeben wird"
        ),
        legal_basis=_(
            "Art. 6 Abs. 1 lit. b DSGVO (Profil zum Konto); lit. a (Einwilligung in die öffentliche Liste, "
            "jederzeit abschaltbar)"
        ),
        data_subjects=_("Multiplikator_innen mit Konto"),
        data_categories=_(
            "Anzeigename, Gemeinde mit Landkreis, Themen, Sprachen, Beschreibung, Erreichbarkeit, Version und "
            "Zeitpunkt der Einwilligung; wann jemand über die Plattform geschrieben hat (nie wer oder was)"
        ),
        recipients=_(
            "Öffentlich nur bei Einwilligung (nie E-Mail-Adresse oder Anschrift); Projektteam; Nachrichten gehen "
            "per E-Mail an die Multiplikator_in"
        ),
        retention_key=("multiplier_contact_months", "multiplier_inactive_months"),
        order=58,
    ),
    ProcessingActivity(
        key="consultation_log",
        name=_("Beratungsprotokoll der Multiplikator_innen"),
        purpose=_("Anonyme Zahlen zu Beratungen für Berichte an Fördermittelgeber"),
        legal_basis=_("Art. 6 Abs. 1 lit. f DSGVO (Nachweis der Projektarbeit)"),
        data_subjects=_("Multiplikator_innen (Konto, das den Eintrag angelegt hat); Beratene nur als Kategorie"),
        data_categories=_("Monat, Landkreis, Gemeinde, Themen, Kategorie der Beratenen, Fachstelle, Dauer"),
        recipients=_("Projektteam als Summen; jede_r Multiplikator_in nur die eigenen Einträge"),
        retention_text=_(
            "Die Zuordnung zum Konto geht mit dem Profil (Löschung auf Antrag oder nach der Frist für "
            "deaktivierte Konten); die Einträge bleiben als anonyme Zahlen."
        ),
        order=60,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="multiplier_contact_months",
        label=_(
            "Vermerke, wann jemand eine_n Multiplikator_in über die Plattform angeschrieben hat, werden nach "
            "%(value)s Monaten gelöscht."
        ),
        apply=retention.delete_old_contact_notes,
        order=58,
    ),
    RetentionRule(
        key="multiplier_inactive_months",
        label=_(
            "Das Profil einer deaktivierten Multiplikator_in wird %(value)s Monate nach der letzten Anmeldung "
            "gelöscht; ihre Beratungseinträge bleiben ohne Zuordnung."
        ),
        apply=retention.erase_inactive_profiles,
        order=59,
    ),
]

# No `from_link`: privacy's self-service pages take the registrations' personal link.
PERSONAL_DATA = [
    PersonalDataHolder(
        key="multipliers",
        export_key="multiplikatorinnen",
        find=personal_data.records_of,
        export=personal_data.export,
        erase=personal_data.erase,
        describe=personal_data.describe,
        order=60,
    ),
]

SITEMAPS = {"multipliers": sitemaps.MultiplierSitemap}
