"""What the board adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from board import personal_data, retention
from board.permissions import can_moderate_board
from board.queries import queue_counts
from board.sitemaps import BoardListSitemap, PostSitemap
from core.registry import (
    MenuEntry,
    PeriodicTask,
    PersonalDataHolder,
    ProcessingActivity,
    RetentionRule,
    StaffUrls,
    Urls,
)

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("board.urls")]
SITEMAPS = {"board": BoardListSitemap, "board-posts": PostSitemap}

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "board.queue_viewed": _("Suche/Biete: Prüfliste angesehen"),
    "board.queue_exported": _("Suche/Biete: Prüfliste exportiert"),
    "board.post_viewed": _("Suche/Biete: Beitrag (Verwaltung) angesehen"),
    "board.post_approved": _("Suche/Biete: Beitrag freigegeben"),
    "board.post_rejected": _("Suche/Biete: Beitrag abgelehnt"),
    "board.reports_dismissed": _("Suche/Biete: Meldungen erledigt"),
    "board.initiative_trusted": _("Suche/Biete: Initiative als vertrauenswürdig markiert"),
}

PERIODIC_TASKS = [
    PeriodicTask("board.tasks.send_renewal_reminders", 60 * 60),
    PeriodicTask("board.tasks.send_alerts", 60 * 60),
]

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="board",
        name=_("Suche/Biete: Beiträge und Benachrichtigungen"),
        purpose=_(
            "Gesuche und Angebote zwischen Ehrenamtlichen, Initiativen, Fachstellen und Verwaltung vermitteln; "
            "über neue Beiträge benachrichtigen"
        ),
        legal_basis=_("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung beim Eintragen oder Bestellen)"),
        data_subjects=_("Personen, die einen Beitrag eintragen oder Benachrichtigungen bestellen"),
        data_categories=_(
            "E-Mail-Adresse (nie veröffentlicht), Vorname (freiwillig, öffentlich), Text des Beitrags, Gemeinde, "
            "Version und Zeitpunkt der Einwilligung"
        ),
        recipients=_("Projektteam (Prüfung); Antworten erreichen die Person nur über das Kontaktformular"),
        retention_key=("board_closed_days", "board_unconfirmed_days"),
        order=40,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="board_closed_days",
        label=_("Beiträge bei Suche/Biete werden %(value)s Tage nach Ablauf, Erledigung oder Ablehnung anonymisiert."),
        apply=retention.anonymise_closed_posts,
        order=44,
    ),
    RetentionRule(
        key="board_unconfirmed_days",
        label=_(
            "Nicht bestätigte Beiträge und Benachrichtigungen bei Suche/Biete werden nach %(value)s Tagen gelöscht."
        ),
        apply=retention.delete_unconfirmed,
        order=45,
    ),
]

# No `from_link`: privacy's self-service pages take the registrations' personal link; a poster's own
# link has "Beitrag löschen", which erases the post's personal data at once.
PERSONAL_DATA = [
    PersonalDataHolder(
        key="board",
        export_key="suche_biete",
        find=personal_data.records_of,
        export=personal_data.export,
        erase=personal_data.erase,
        describe=personal_data.describe,
        order=40,
    ),
]

# --- Back office and hooks ----------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="board.staff_urls", prefix="")]
MENU = [MenuEntry("board", _("Suche/Biete"), "board_staff:queue", can_moderate_board, order=38)]


def _due(*, user, now):
    """Answer to `dashboard_due`: posts waiting for review and reported posts."""
    if not can_moderate_board(user):
        return []
    counts = queue_counts(now)
    if not (counts["pending"] or counts["reported"]):
        return []
    return [("board/staff/_due.html", {"board_counts": counts})]


HOOKS = {"dashboard_due": _due}
