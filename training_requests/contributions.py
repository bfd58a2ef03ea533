"""What the training requests app adds to the platform (collected by core.registry; see its docstring)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.permissions import is_partner, is_team
from core.registry import (
    DashboardPanel,
    EventTask,
    MenuEntry,
    PersonalDataHolder,
    ProcessingActivity,
    RetentionRule,
    StaffUrls,
    Urls,
)
from events.models import Event
from training_requests import event_page, personal_data, retention, services, staff_views

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("training_requests.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------

AUDIT_ACTIONS = {
    "training_request.submitted": _("Schulungsanfrage eingegangen"),
    "training_request.exported": _("Schulungsanfragen exportiert"),
    "training_request.confirmed": _("Schulungsanfrage bestätigt"),
    "training_request.withdrawn": _("Schulungsanfrage zurückgezogen"),
    "training_request.replied": _("Antwort auf eine Schulungsanfrage"),
    "training_request.state_changed": _("Stand einer Schulungsanfrage geändert"),
    "training_request.assigned": _("Schulungsanfrage zugewiesen"),
    "training_request.note_added": _("Notiz zu einer Schulungsanfrage"),
    "training_request.message_sent": _("Nachricht zu einer Schulungsanfrage verschickt"),
    "training_request.event_planned": _("Angebot aus einer Schulungsanfrage geplant"),
}

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="training_requests",
        name=_("Schulungsanfragen von Partner_innen vor Ort"),
        purpose=_("Anfragen nach Schulungen beantworten, planen und durchführen; Zahlen für Berichte"),
        legal_basis=_("Art. 6 Abs. 1 lit. a und b DSGVO (Anfrage und Einwilligung)"),
        data_subjects=_("Ansprechpersonen anfragender Initiativen, Kirchgemeinden, Vereine und Verwaltungen"),
        data_categories=_(
            "Name, E-Mail-Adresse, Telefon (freiwillig), Organisation, Gemeinde, Wünsche zur Schulung, "
            "Nachrichten, Version und Zeitpunkt der Einwilligung"
        ),
        recipients=_("Projektteam; Konten der eigenen Partnerorganisation; keine Übermittlung in Drittländer"),
        retention_key=("training_request_months_after_closed",),
        order=200,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="training_request_months_after_closed",
        label=_(
            "Kontaktdaten und Nachrichten einer Schulungsanfrage werden %(value)s Monate nach ihrem Abschluss "
            "anonymisiert; die Zahlen nach Stand, Landkreis und Art bleiben."
        ),
        apply=retention.anonymise_closed_requests,
        order=40,
    ),
]

PERSONAL_DATA = [
    PersonalDataHolder(
        key="training_requests",
        export_key="schulungsanfragen",
        find=personal_data.requests_of,
        export=personal_data.export,
        erase=personal_data.erase,
        from_link=personal_data.address_from_link,
        describe=personal_data.describe,
        order=140,
    ),
]

# --- Back office and hooks ----------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="training_requests.staff_urls", prefix="")]

MENU = [
    MenuEntry("training_requests", _("Anfragen"), "training_requests_staff:queue", is_team, order=25),
    MenuEntry("partner_requests", _("Unsere Anfragen"), "training_requests_staff:partner", is_partner, order=26),
]


def _planned_from_request(user, event):
    return is_team(user) and event.training_requests.exists()


EVENT_TASKS = [
    EventTask(
        "training_request",
        _("Anfrage, aus der das Angebot entstand"),
        "training_requests_staff:event_request",
        _planned_from_request,
        order=5,
        group=pgettext_lazy("event hub", "Planung"),
    ),
]

DASHBOARD_PANELS = [
    DashboardPanel(
        "training_requests_waiting",
        "training_requests/staff/_dashboard_waiting.html",
        staff_views.dashboard_waiting,
        is_team,
        order=35,
    ),
]


def _event_status_changed(*, event):
    services.follow_event(event, event.status)


def _event_cancelled(*, event):
    # Announced before the cancelling transaction refreshes `event`: the hook's name is the status.
    return services.follow_event(event, Event.Status.CANCELLED)


HOOKS = {
    "event_status_changed": _event_status_changed,
    "event_cancelled": _event_cancelled,
    "event_page_box": event_page.box,
}
