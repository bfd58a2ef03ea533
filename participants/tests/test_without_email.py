"""People the team enters by hand without an e-mail address: they take a place, get no mails and
still count everywhere (list, Teilnahmeliste, export, mailings); the team prints their confirmation."""

import csv
import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.utils import timezone
from pypdf import PdfReader

from audit.models import Entry
from events.testing import make_event
from mail.models import OutboxMessage
from participants.models import Mailing
from privacy.consent import Consent
from registrations import services
from registrations.models import Booking, Registration
from registrations.queries import places_for
from registrations.retention import anonymise_past_participants
from registrations.statistics import participant_statistics
from registrations.testing import make_participant

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def url(event, rest=""):
    return f"/team/veranstaltungen/{event.pk}/{rest}"


def phone_data(name, **fields):
    return {
        "name": name,
        "email": "",
        "organisation": "Nachbarschaftstreff",
        "role": "volunteer",
        "municipality": "Pirna",
        "language": "de",
        "consent_by_phone": "on",
        **fields,
    }


def test_phone_registration_without_email_takes_a_seat_gets_no_mail_and_counts_everywhere(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Sebnitz", place="Sebnitz", capacity=3)
    make_participant(event, name="Anna Online")
    mails_before = OutboxMessage.objects.count()

    response = client.post(url(event, "teilnehmende/neu/"), phone_data("Otto Telefon"))
    assert response.status_code == 302
    registration = Registration.objects.get(name="Otto Telefon")
    assert registration.email == "" and registration.entered_by_team and not registration.has_address
    booking = registration.bookings.get()
    assert booking.status == Booking.Status.CONFIRMED  # nothing to confirm by mail
    (places,) = places_for([event])
    assert places.taken == 2 and places.left == 1  # the seat is taken
    assert OutboxMessage.objects.count() == mails_before  # no mail, not even queued
    assert not OutboxMessage.objects.filter(belongs_to=registration.outbox_key).exists()
    entry = Entry.objects.get(action="registration.added_by_hand")
    assert entry.details == {"registration": registration.pk, "existing": False}
    assert "keine E-Mails" in client.get(response["Location"]).content.decode()

    page = client.get(url(event, "teilnehmende/")).content.decode()
    assert "Otto Telefon" in page and "ohne E-Mail-Adresse" in page
    confirmation = url(event, f"teilnehmende/{booking.pk}/bestaetigung/")
    assert f'href="{confirmation}"' in page

    pdf = client.get(url(event, "teilnahmeliste.pdf"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Otto Telefon" in text and "Anna Online" in text

    rows = list(
        csv.reader(
            io.StringIO(client.get(url(event, "teilnehmende/export.csv")).content.decode("utf-8-sig")), delimiter=";"
        )
    )
    (otto,) = [row for row in rows if "Otto Telefon" in row]
    assert otto[2] == "" and otto[8] == "Platz bestätigt"  # the e-mail column is empty, the row is there

    write = client.get(url(event, "teilnehmende/schreiben/")).content.decode()
    assert "Ohne E-Mail-Adresse" in write and "mit Platz 1, auf der Warteliste 0" in write
    sent = client.post(
        url(event, "teilnehmende/schreiben/"),
        {"audience": "participants", "subject": "Raumänderung", "body": "Wir treffen uns im Saal."},
        follow=True,
    )
    assert "1 E-Mail ist in der Warteschlange" in sent.content.decode()
    assert "1 Person ohne E-Mail-Adresse bekommt nichts." in sent.content.decode()
    assert Mailing.objects.get().planned == 1
    statistics = participant_statistics(events=[event])  # reports count them like everyone else
    assert statistics["total"] == 2 and statistics["by_municipality"]["Pirna"] == 2


def test_two_people_without_email_on_the_same_event_are_allowed(client, team, login_as):
    login_as(team)
    event = make_event()
    for name in ("Erste Person", "Zweite Person"):
        assert client.post(url(event, "teilnehmende/neu/"), phone_data(name)).status_code == 302
    assert Registration.objects.filter(event=event, email="", is_active=True).count() == 2
    walk_in = {"name": "Dritte Person", "role": "volunteer"}
    assert client.post(url(event, "einlass/ohne-anmeldung/"), walk_in).status_code == 302
    assert Registration.objects.filter(event=event, email="").count() == 3


def test_team_form_speaks_about_the_person_and_the_address_is_optional(client, team, login_as):
    login_as(team)
    page = client.get(url(make_event(), "teilnehmende/neu/")).content.decode()
    assert "E-Mail-Adresse der Person (freiwillig)" in page and "Name der Person" in page
    assert "In welcher Rolle nimmt die Person teil?" in page
    assert "Ihre Gemeinde" not in page and "nehmen Sie teil" not in page


def test_only_team_entries_may_leave_the_address_out():
    event = make_event()
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, submission_key="x" * 20, name="Ohne", email="", role="volunteer")
    Registration.objects.create(
        event=event, submission_key="y" * 20, name="Ohne", email="", role="volunteer", entered_by_team=True
    )


def test_printable_confirmation_for_the_team_only(client, team, trainer_a, login_as):
    event = make_event(title="Schulung Riesa", place="Riesa")
    event.trainers.add(trainer_a)
    login_as(team)
    client.post(url(event, "teilnehmende/neu/"), phone_data("Paula Papier"))
    booking = Booking.objects.get(registration__name="Paula Papier")
    page = client.get(url(event, f"teilnehmende/{booking.pk}/bestaetigung/")).content.decode()
    assert "Anmeldebestätigung" in page and "Paula Papier" in page and "Schulung Riesa" in page
    assert event.venue.street in page and "Platz bestätigt" in page
    assert "keine E-Mails" in page and "@media print" not in page  # print styles live in site.css
    assert Entry.objects.filter(action="participants.viewed", details__confirmation=booking.pk).exists()
    login_as(trainer_a)
    assert client.get(url(event, f"teilnehmende/{booking.pk}/bestaetigung/")).status_code == 403
    other = make_event()
    login_as(team)
    assert client.get(url(other, f"teilnehmende/{booking.pk}/bestaetigung/")).status_code == 404


def test_placeholder_addresses_become_empty_in_the_data_migration():
    event = make_event()
    walk_in = Registration.objects.create(
        event=event, submission_key="walk-in-abc", name="Alt", email="0a1b@ohne-adresse.invalid", role="volunteer"
    )
    phone = Registration.objects.create(
        event=event, submission_key="phone-abc", name="Telefon", email="t@example.org", role="volunteer"
    )
    online = Registration.objects.create(
        event=event, submission_key="online-abc", name="Netz", email="n@example.org", role="volunteer"
    )
    migration = importlib.import_module("registrations.migrations.0002_registration_entered_by_team")
    migration.mark_team_entries_and_empty_placeholders(apps, None)
    for registration in (walk_in, phone, online):
        registration.refresh_from_db()
    assert walk_in.email == "" and walk_in.entered_by_team
    assert phone.email == "t@example.org" and phone.entered_by_team
    assert not online.entered_by_team


def test_retention_anonymises_people_without_email_like_the_others():
    start = timezone.now() - timedelta(days=3 * 365)
    event = make_event(start=start, end=start + timedelta(hours=5), registration_deadline=start - timedelta(days=1))
    person = {"name": "Rita Rente", "email": "", "phone": "0351 1234", "role": "volunteer"}
    consent = Consent(version=None, at=start - timedelta(days=7))
    services.register(
        event=event,
        person=person,
        consent=consent,
        submission_key="phone-rita-rente-0001",
        language="de",
        now=start - timedelta(days=7),
        entered_by_team=True,
    )
    registration = Registration.objects.get(name="Rita Rente")
    assert registration.bookings.get().status == Booking.Status.CONFIRMED
    anonymise_past_participants(now=timezone.now())
    registration.refresh_from_db()
    assert registration.anonymised_at and registration.phone == "" and not registration.has_address


def test_an_empty_address_finds_nobody_for_privacy_tools_or_lost_links():
    from registrations.personal_data import registrations_of
    from registrations.queries import active_registrations_for_email

    event = make_event()
    Registration.objects.create(
        event=event, submission_key="phone-empty-0001", name="Ohne", email="", role="volunteer", entered_by_team=True
    )
    assert registrations_of("") == [] and registrations_of("  ") == []
    assert not active_registrations_for_email("").exists()
