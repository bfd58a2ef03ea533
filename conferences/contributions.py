"""What the conferences app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from conferences import event_page, forms, services, views
from core.registry import EventTask, StaffUrls, Urls
from events.permissions import can_check_in, can_manage_events

URLS = [Urls("conferences.urls")]

STAFF_URLS = [StaffUrls(module="conferences.staff_urls", prefix="")]


def _may_plan(user, event):
    return event.kind == event.Kind.CONFERENCE and can_manage_events(user)


def _may_check_in(user, event):
    return event.kind == event.Kind.CONFERENCE and can_check_in(user, event)


EVENT_TASKS = [
    EventTask(
        "conference_programme",
        _("Programm und Workshops"),
        "conferences_staff:programme",
        _may_plan,
        order=55,
        group=_("Fachkonferenz"),
        description=_("Tage, Zeitfenster, Räume, Programmpunkte, Referent_innen; Konflikte; veröffentlichen."),
    ),
    EventTask(
        "conference_workshops",
        _("Einlass je Workshop"),
        "conferences_staff:workshops",
        _may_check_in,
        order=56,
        group=_("Fachkonferenz"),
        description=_("Plätze, Warteliste und Anwesende je Workshop."),
    ),
]

AUDIT_ACTIONS = {
    "conference.created": _("Programm angelegt"),
    "conference.published": _("Programm veröffentlicht"),
    "conference.unpublished": _("Programm zurückgezogen"),
    "conference.room_saved": _("Raum gespeichert"),
    "conference.slot_saved": _("Zeitfenster gespeichert"),
    "conference.speaker_saved": _("Referent_in gespeichert"),
    "conference.session_saved": _("Programmpunkt gespeichert"),
    "conference.session_deleted": _("Programmpunkt gelöscht"),
    "conference.item_deleted": _("Programmeintrag gelöscht"),
    "conference.checked_in": _("Im Workshop anwesend"),
    "conference.check_in_undone": _("Anwesenheit im Workshop zurückgenommen"),
}

HOOKS = {
    "registration_form_fields": forms.workshop_part,
    "registration_created": services.choose_at_registration,
    "registration_ended": services.end_choices,
    "personal_page_links": views.personal_links,
    "event_page_box": event_page.box,
}
