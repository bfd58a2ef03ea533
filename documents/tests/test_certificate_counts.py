"""The certificate page counts the same people as the participant list and says why someone gets
no certificate by mail: a walk-in without an e-mail address gets one to print, erased data none."""

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from audit.models import Entry
from events.testing import make_event
from participants import services as participants
from registrations.retention import anonymise_registration
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db


def facts(page):
    """The <dl class="facts …"> pairs of a page, as {term: value}."""
    import re

    return dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", page))


def test_walk_in_without_address_is_counted_and_gets_a_certificate_to_print(client, team, login_as):
    login_as(team)
    event = make_event(title="Asylrecht kompakt", days_ahead=-1, hours=6)
    for name in ("Anna Albrecht", "Bernd Berger", "Carla Claus"):
        participants.check_in(actor=team, booking=make_participant(event, name=name))
    make_participant(event, name="Nicht Gekommen")
    walk_in = participants.add_walk_in(actor=team, event=event, person={"name": "Dora Spontan", "role": "volunteer"})
    erased = make_participant(event, name="Emil Erased")
    participants.check_in(actor=team, booking=erased)
    anonymise_registration(erased.registration, now=timezone.now())

    listed = facts(client.get(f"/team/veranstaltungen/{event.pk}/teilnehmende/").content.decode())
    assert listed["Anwesend"] == "5"

    page = client.get(f"/team/veranstaltungen/{event.pk}/bescheinigungen/").content.decode()
    counts = facts(page)
    assert counts["Anwesend"] == "5"  # the same people as on the participant list …
    assert counts["Schon verschickt"] == "0"
    assert counts["Noch zu verschicken"] == "3"
    assert counts["Ohne E-Mail-Adresse (zum Ausdrucken)"] == "1"
    assert counts["Kontaktdaten schon gelöscht"] == "1"  # … each of them accounted for
    assert "Bescheinigungen an 3 Personen verschicken" in page
    assert "1 Person ohne E-Mail-Adresse: Bescheinigung zum Ausdrucken" in page
    assert "1 Person bekommt keine Bescheinigung mehr" in page
    link = f"/team/veranstaltungen/{event.pk}/bescheinigungen/{walk_in.pk}.pdf"
    assert f'<a href="{link}" download>Bescheinigung für Dora Spontan (PDF)</a>' in page
    assert "Personenbezogene Daten:" in page

    response = client.get(link)
    assert response["Content-Type"] == "application/pdf" and response["Cache-Control"] == "no-store"
    assert response["Content-Disposition"].startswith('attachment; filename="teilnahmebescheinigung-asylrecht-kompakt')
    (text,) = [p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages]
    assert "Dora Spontan" in text and "Asylrecht kompakt" in text and "6 Stunden" in text
    entry = Entry.objects.filter(action="participants.exported").latest("id")
    assert entry.details == {"format": "certificate_pdf", "booking": walk_in.pk}

    # Nobody else's certificate through this door: not present, erased, or another event's booking.
    absent = event.bookings.get(registration__name="Nicht Gekommen")
    assert client.get(f"/team/veranstaltungen/{event.pk}/bescheinigungen/{absent.pk}.pdf").status_code == 404
    assert client.get(f"/team/veranstaltungen/{event.pk}/bescheinigungen/{erased.pk}.pdf").status_code == 404
    other = make_event(days_ahead=-1)
    assert client.get(f"/team/veranstaltungen/{other.pk}/bescheinigungen/{walk_in.pk}.pdf").status_code == 404


def test_only_the_team_may_print_a_certificate(client, team, trainer_a, login_as):
    event = make_event(days_ahead=-1)
    walk_in = participants.add_walk_in(actor=team, event=event, person={"name": "Dora Spontan", "role": "volunteer"})
    url = f"/team/veranstaltungen/{event.pk}/bescheinigungen/{walk_in.pk}.pdf"
    assert client.get(url).status_code == 302  # to the login
    login_as(trainer_a)
    assert client.get(url).status_code == 404  # not her event


def test_one_certificate_is_announced_in_the_singular(client, team, login_as, django_capture_on_commit_callbacks):
    login_as(team)
    event = make_event(days_ahead=-1)
    participants.check_in(actor=team, booking=make_participant(event))
    response = client.post(f"/team/veranstaltungen/{event.pk}/bescheinigungen/", follow=True)
    assert "1 Bescheinigung wird erstellt und verschickt." in response.content.decode()


def test_the_demo_events_ten_present_are_nine_to_mail_and_one_to_print():
    from demo.seeders.events import seed_events
    from demo.seeders.participants import seed_participants
    from documents.queries import attended_without_address, certificate_counts
    from participants.queries import counts
    from registrations.models import Booking

    seed_events(upcoming=3, past=5)
    seed_participants()
    event = Booking.objects.filter(registration__walk_in__isnull=False).get().event
    assert counts(event)["attended"] == 10
    assert certificate_counts(event) == {"present": 10, "sent": 0, "pending": 9, "without_address": 1, "erased": 0}
    assert [b.registration.name for b in attended_without_address(event)] == ["Demo Spontan"]


def test_a_one_hour_event_is_certified_as_1_stunde(team):
    from documents.services import certificate_for

    event = make_event(days_ahead=-1, hours=1)
    booking = make_participant(event)
    participants.check_in(actor=team, booking=booking)
    booking.refresh_from_db()
    (text,) = [p.extract_text() for p in PdfReader(io.BytesIO(certificate_for(booking))).pages]
    assert "1 Stunde" in text and "1 Stunden" not in text
