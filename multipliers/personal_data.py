"""What the multiplier programme holds about a person (their profile with its listing and relay
metadata, and who kept which log entries), for privacy's access, export and erasure tools (declared
as PERSONAL_DATA in multipliers/contributions.py).

Course participation and certificates belong to the registration and go with the registrations'
holder; the account itself (e-mail, password, second factor) is the accounts app's."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.registry import PersonalRecord
from multipliers.models import Consultation, Multiplier


def records_of(email):
    """The profile (if any) and the log entries of the multiplier account with this address."""
    email = email.strip()
    if not email:
        return []
    profiles = (
        Multiplier.objects.filter(user__email__iexact=email)
        .select_related("municipality__district")
        .prefetch_related("topics", "languages", "contact_notes")
    )
    entries = (
        Consultation.objects.filter(multiplier__email__iexact=email)
        .select_related("district", "municipality", "agency")
        .prefetch_related("topics")
        .order_by("month", "id")
    )
    return [*profiles, *entries]


def _iso(moment):
    return moment.isoformat() if moment else None


def _profile(profile):
    return {
        "art": "profil",
        "anzeigename": profile.display_name,
        "gemeinde": profile.municipality.name if profile.municipality else "",
        "landkreis": profile.municipality.district.name if profile.municipality else "",
        "themen": ", ".join(topic.name for topic in profile.topics.all()),
        "sprachen": ", ".join(language.name for language in profile.languages.all()),
        "so_kann_ich_helfen": profile.how_i_help,
        "erreichbarkeit": profile.availability,
        "oeffentlich_gelistet": profile.listed,
        "einwilligung_version": profile.listing_consent_version,
        "eingewilligt_am": _iso(profile.listing_consented_at),
        "erstellt_am": _iso(profile.created_at),
        "nachrichten_ueber_die_plattform": [
            {"am": _iso(note.sent_at), "mit_adresse_fuer_die_antwort": note.address_shared}
            for note in profile.contact_notes.all()
        ],
    }


def _entry(entry):
    return {
        "art": "beratung",
        "monat": entry.month.strftime("%Y-%m"),
        "landkreis": entry.district.name,
        "gemeinde": entry.municipality.name if entry.municipality else "",
        "themen": ", ".join(topic.name for topic in entry.topics.all()),
        "beraten_wurde": str(entry.get_advised_display()),
        "fachstelle": entry.agency.name if entry.agency else entry.other_agency,
        "dauer": str(entry.get_duration_display()),
    }


def describe(records):
    """For „Meine Daten“: the profile links to the multiplier's own page (behind their login), a log entry
    to the log."""
    described = []
    for record in records:
        if isinstance(record, Multiplier):
            url = reverse("multipliers:my_profile")
            described.append(PersonalRecord(what=_("Profil als Multiplikator_in"), title=record.display_name, url=url))
        else:
            title = f"{record.month:%m/%Y}, {record.district.name}"
            described.append(
                PersonalRecord(what=_("Beratung im Protokoll"), title=title, url=reverse("multipliers:log"))
            )
    return described


def export(records, *, now):
    return [_profile(record) if isinstance(record, Multiplier) else _entry(record) for record in records]


@transaction.atomic
def erase(records, *, now):
    """The profile goes (listing, texts, relay metadata: off the public pages at once); log entries
    lose the account that kept them and stay as anonymous numbers for the reports."""
    profiles = [record.pk for record in records if isinstance(record, Multiplier)]
    entries = [record.pk for record in records if isinstance(record, Consultation)]
    deleted = erase_profiles(Multiplier.objects.filter(pk__in=profiles))
    detached = Consultation.objects.filter(pk__in=entries).update(multiplier=None)
    return {"cancelled": 0, "anonymised": deleted + detached, "mails_deleted": 0}


def erase_profiles(profiles):
    """Delete profiles (their topic, language and relay-metadata rows go with them); the number."""
    ids = list(profiles.values_list("pk", flat=True))
    Multiplier.objects.filter(pk__in=ids).delete()
    return len(ids)
