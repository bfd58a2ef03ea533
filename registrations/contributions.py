"""What the registrations app adds to the platform (collected by core.registry; see its docstring for the names)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.registry import (
    EventTask,
    PeriodicTask,
    PersonalDataHolder,
    ProcessingActivity,
    RetentionRule,
    StaffUrls,
    Urls,
)
from events.permissions import can_manage_events
from registrations import event_page, personal_data, queries, retention, services

# --- Pages -------------------------------------------------------------------------------

URLS = [Urls("registrations.urls")]

# --- Records, privacy and jobs ------------------------------------------------------------


AUDIT_ACTIONS = {
    "event.registration_setup_saved": _("Anmeldung eingerichtet"),
}

PERIODIC_TASKS = [
    PeriodicTask("registrations.tasks.lapse_unconfirmed", 10 * 60),
    PeriodicTask("registrations.tasks.expire_offers", 10 * 60),
    PeriodicTask("registrations.tasks.send_reminders", 60 * 60),
]

PROCESSING_ACTIVITIES = [
    ProcessingActivity(
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
        order=10,
    ),
]

# Keys are those of settings.PRIVACY_RETENTION; the processing record shows the labels.
RETENTION_RULES = [
    RetentionRule(
        key="participant_months_after_event",
        label=_("Teilnehmer_innendaten werden %(value)s Monate nach der Veranstaltung anonymisiert."),
        apply=retention.anonymise_past_participants,
        order=10,
    ),
    RetentionRule(
        key="attendance_list_years",
        label=_(
            "Teilnahmelisten (Name und Gemeinde der Anwesenden), die Fördermittelgeber verlangen, werden %(value)s "
            "Jahre nach der Veranstaltung gelöscht."
        ),
        apply=retention.remove_attendance_names,
        order=20,
    ),
    RetentionRule(
        key="unconfirmed_days",
        label=_("Nicht bestätigte oder verfallene Anmeldungen werden nach %(value)s Tagen gelöscht."),
        apply=retention.delete_unconfirmed,
        order=30,
    ),
    # After mail's own rule: mails sent after their registration was anonymised.
    RetentionRule(
        key="registration_mails",
        label=_("Die E-Mails einer Anmeldung werden mit ihren personenbezogenen Daten gelöscht."),
        apply=retention.delete_mails_of_anonymised,
        order=60,
    ),
]

PERSONAL_DATA = [
    PersonalDataHolder(
        key="registrations",
        export_key="anmeldungen",
        find=personal_data.registrations_of,
        export=personal_data.export,
        erase=personal_data.erase,
        from_link=personal_data.address_from_link,
        describe=personal_data.describe,
    ),
]


# --- Back office and hooks ----------------------------------------------------------------

STAFF_URLS = [StaffUrls(module="registrations.staff_urls", prefix="")]


def _may_set_up(user, event):
    return can_manage_events(user)


EVENT_TASKS = [
    EventTask(
        "registration_setup",
        _("Anmeldung einrichten"),
        "registrations_staff:registration_setup",
        _may_set_up,
        order=50,
        group=pgettext_lazy("registration", "Anmeldung"),
        description=_("Bedarfe, Warteliste und Fragen im Anmeldeformular."),
    )
]

# The hooks this app announces (core.registry.announce), with what it passes and expects back.
ANNOUNCES = {
    "registration_confirmed": "bookings: places became confirmed (address confirmed, offer accepted); inside the "
    "transaction of the change",
    "registration_cancelled": "bookings: a person gave back these places or waiting spots; inside the transaction",
    "waitlist_promoted": "bookings: people moved up from the waiting list (given, held or offered a place); inside "
    "the transaction",
    "newsletter_requested": "email, language, consent: a person ticked the newsletter on a registration form; "
    "start the newsletter's own double opt-in (returns nothing)",
    "personal_page_box": "registration, token: a box on the person's personal-link page, e.g. course progress "
    "(returns HTML, or an empty string)",
    "registration_form_fields": "event: extra fields for the public registration form, a "
    "`registrations.forms.FormPart` or None",
    "registration_created": "registration, bookings (its places and waiting spots as just written), data (the "
    "form's cleaned data), now: called by services.register inside its transaction, under the event lock, and "
    "for a walk-in by participants.services.add_walk_in (data empty, the place already confirmed)",
    "registration_ended": "registration, now: its last place or waiting spot ended (cancelled, lapsed); inside "
    "the transaction",
    "personal_page_links": "registration, token: links for the personal page, a list of (label, url)",
}

HOOKS = {
    "event_cancelled": services.tell_event_cancelled,
    "event_changed": services.notify_event_changed,
    "event_copied": services.copy_registration_setup,
    "event_list_annotations": queries.with_registration_counts,
    "event_card_annotations": event_page.card_figures,
    "event_availability": event_page.availability,
    "event_page_box": event_page.box,
}
