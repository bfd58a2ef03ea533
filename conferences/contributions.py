"""What the conferences app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _

from conferences import event_page, forms, personal_data, queries, retention, services, views
from conferences.permissions import can_see_bank_data
from core.registry import EventTask, PersonalDataHolder, ProcessingActivity, RetentionRule, StaffUrls, Urls
from events.permissions import can_check_in, can_manage_events, can_manage_participants

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
        "conference_badges",
        _("Namensschilder drucken"),
        "conferences_staff:badges",
        lambda user, event: event.kind == event.Kind.CONFERENCE and can_manage_participants(user, event),
        order=57,
        group=_("Fachkonferenz"),
        description=_("A6 oder 8 pro A4, mit QR-Code für den Einlass."),
    ),
    EventTask(
        "conference_reimbursements",
        _("Fahrtkostenerstattung"),
        "conferences_staff:reimbursements",
        lambda user, event: event.kind == event.Kind.CONFERENCE and can_see_bank_data(user),
        order=58,
        group=_("Fachkonferenz"),
        description=_("Anträge prüfen, SEPA-Datei und XLSX für die Buchhaltung."),
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
    "workshops.exported": _("Workshop-Übersicht exportiert"),
    "workshop.participants_exported": _("Teilnehmer_innen eines Workshops exportiert"),
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
    "conference.badges_printed": _("Namensschilder gedruckt"),
    "reimbursement.offered": _("Fahrtkostenerstattung angeboten"),
    "reimbursement.withdrawn": _("Fahrtkostenerstattung beendet"),
    "reimbursement.submitted": _("Fahrtkosten beantragt"),
    "reimbursement.approved": _("Fahrtkosten bewilligt"),
    "reimbursement.partly": _("Fahrtkosten teilweise bewilligt"),
    "reimbursement.rejected": _("Fahrtkosten abgelehnt"),
    "reimbursement.exported": _("Fahrtkosten in SEPA-Datei exportiert"),
    "reimbursement.paid": _("Fahrtkosten als ausgezahlt bestätigt"),
    "reimbursement.batch_downloaded": _("SEPA-Datei erneut heruntergeladen"),
    "reimbursement.list_viewed": _("Fahrtkostenanträge angesehen"),
    "reimbursement.viewed": _("Fahrtkostenantrag mit Bankdaten angesehen"),
    "reimbursement.receipt_viewed": _("Fahrtkostenbeleg angesehen"),
    "reimbursement.xlsx_exported": _("Fahrtkosten exportiert (XLSX)"),
}

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
        key="conferences",
        name=_("Workshop-Wahl, Namensschilder und Einlass bei Fachkonferenzen"),
        purpose=_("Workshop-Plätze vergeben, Namensschilder drucken, Anwesenheit je Workshop bescheinigen"),
        legal_basis=_("Art. 6 Abs. 1 lit. b DSGVO (Teilnahme); Pronomen freiwillig, Art. 6 Abs. 1 lit. a DSGVO"),
        data_subjects=_("Teilnehmer_innen von Fachkonferenzen"),
        data_categories=_(
            "Gewählte Workshops, Anwesenheit je Workshop, Name auf dem Namensschild, Pronomen (freiwillig)"
        ),
        recipients=_("Projektteam; Referent_innen der Veranstaltung beim Einlass"),
        retention_key=("participant_months_after_event",),
        order=15,
    ),
    ProcessingActivity(
        key="conference_reimbursements",
        name=_("Fahrtkostenerstattung bei Fachkonferenzen"),
        purpose=_("Fahrtkosten von Teilnehmer_innen prüfen und überweisen (SEPA), Nachweis für die Buchhaltung"),
        legal_basis=_("Art. 6 Abs. 1 lit. b DSGVO (Erstattung auf Antrag); Art. 6 Abs. 1 lit. c DSGVO (Buchführung)"),
        data_subjects=_("Teilnehmer_innen von Fachkonferenzen, die Fahrtkosten beantragen"),
        data_categories=_(
            "Strecke, Verkehrsmittel, Betrag, Belege, IBAN, Kontoinhaber_in, Entscheidung mit Begründung, "
            "SEPA-Überweisungsdateien"
        ),
        recipients=_("Projektteam (nur mit zweitem Faktor, jeder Zugriff protokolliert); die Bank des Trägers"),
        retention_text=retention.retention_text(),
        order=16,
    ),
]

RETENTION_RULES = [
    RetentionRule(
        key="conference_badges",
        label=_("Angaben für das Namensschild (Pronomen) werden mit der Anmeldung anonymisiert."),
        apply=personal_data.delete_badges_of_anonymised,
        order=15,
    ),
]

RETENTION_RULES.append(
    RetentionRule(
        key="reimbursement_bank_data",
        label=_(
            "IBAN, Kontoinhaber_in, Strecke, Belege und SEPA-Dateien einer Fahrtkostenerstattung werden nach "
            "Auszahlung oder Ablehnung gelöscht, sobald die Abrechnungsfrist des Konferenzjahres plus die "
            "eingestellten Monate vorbei ist; Beträge bleiben für Berichte."
        ),
        apply=retention.erase_bank_data,
        order=16,
    )
)

PERSONAL_DATA = [
    PersonalDataHolder(
        key="conference_badges",
        export_key="namensschilder",
        find=personal_data.badges_of,
        export=personal_data.export,
        erase=personal_data.erase,
        describe=personal_data.describe_badges,
        order=50,
    ),
    PersonalDataHolder(
        key="conference_reimbursements",
        export_key="fahrtkosten",
        find=personal_data.reimbursements_of,
        export=personal_data.export_reimbursements,
        erase=personal_data.erase_reimbursements,
        describe=personal_data.describe_reimbursements,
        order=51,
    ),
]

HOOKS = {
    "registration_form_fields": forms.workshop_part,
    "registration_created": services.choose_at_registration,
    "registration_ended": services.end_choices,
    "waitlist_promoted": services.seat_given,
    "registration_confirmed": services.seat_given,
    "personal_page_links": views.personal_links,
    "event_page_box": event_page.box,
    "certificate_facts": queries.certificate_facts,
}
