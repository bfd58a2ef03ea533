"""What the mail app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from core.registry import PeriodicTask, ProcessingActivity, RetentionRule, Urls
from mail import retention

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("mail.urls")]  # the development-only mail view (404 unless DEBUG)

# --- Records, privacy and jobs ------------------------------------------------------------


PERIODIC_TASKS = [
    # A deployment's sweep follows its SMTP timeout: settings.PERIODIC_TASK_INTERVALS sets it to EMAIL_TIMEOUT.
    PeriodicTask("mail.tasks.sweep_outbox", 20),
    PeriodicTask("mail.tasks.prune_finished_jobs", 60 * 60),
]

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="mail",
        name=_("E-Mail-Versand (Warteschlange)"),
        purpose=_("Bestätigungen, Erinnerungen und Nachrichten zuverlässig zustellen"),
        legal_basis=_("Art. 6 Abs. 1 lit. b DSGVO"),
        data_subjects=_("Empfänger_innen von E-Mails der Plattform"),
        data_categories=_("E-Mail-Adresse, Inhalt der Nachricht, Versandstatus"),
        recipients=_("eigener Mailserver des Trägers"),
        retention_text=_("Inhalte weitergeleiteter Kontaktnachrichten werden nach dem Versand gelöscht."),
        order=20,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="mail_outbox_days",
        label=_("E-Mails werden nach %(value)s Tagen gelöscht, verschickt oder nicht."),
        apply=retention.delete_old_mails,
        order=50,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------
