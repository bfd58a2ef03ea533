"""Teilnahmeliste and Teilnahmebescheinigung: real PDFs (text read back with pypdf), certificates
sent through the outbox to a real SMTP server, and the person's own download via the personal link."""

import io
from datetime import UTC, timedelta

import pytest
from pypdf import PdfReader

from audit.models import Entry
from core.registry import periodic_schedule
from documents.models import Certificate
from documents.tasks import resume_certificate_mailings as resume_task
from events.models import Session
from events.testing import make_event, make_topic
from mail.testing import deliver_outbox, run_jobs
from participants import services as participants
from participants.models import Mailing
from registrations.testing import make_participant
from registrations.tokens import personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def pdf_pages(body):
    assert body.startswith(b"%PDF")
    return [page.extract_text() for page in PdfReader(io.BytesIO(body)).pages]


def test_teilnahmeliste_has_header_page_numbers_people_and_empty_rows_on_every_page(client, team, login_as, settings):
    login_as(team)
    settings.FUNDING_LINE = "Gefördert vom Freistaat Sachsen (Testzeile)."
    event = make_event(title="Unterstützer_innenschulung Pirna", capacity=None)
    for n in range(1, 31):
        make_participant(event, name=f"Person {n:02d} Müller", organisation=f"Initiative {n}")
    make_participant(event, name="Wartet Nicht", confirm=False)  # a held place is on the list too
    response = client.get(f"/team/veranstaltungen/{event.pk}/teilnahmeliste.pdf")
    assert response["Content-Type"] == "application/pdf"
    pages = pdf_pages(response.content)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "Teilnahmeliste: Unterstützer_innenschulung Pirna" in text
        assert "Kulturbüro Sachsen e.V." in text
        assert "Gefördert vom Freistaat Sachsen (Testzeile)." in text
        assert f"Seite {number} von {len(pages)}" in text
        assert "Unterschrift" in text  # the table head repeats
    everything = "\n".join(pages)
    assert "Person 01 Müller" in everything and "Person 30 Müller" in everything
    assert "Initiative 7" in everything and "Pirna" in everything
    assert "Wartet Nicht" in everything
    assert "\n41" in everything or " 41" in everything  # 31 people + 10 empty rows


def test_teilnahmeliste_for_one_session_names_it(client, team, login_as):
    login_as(team)
    event = make_event(hours=30)
    start = event.start + timedelta(days=1)
    day2 = Session.objects.create(event=event, title="Zweiter Tag", start=start, end=event.end)
    make_participant(event, name="Anna Albrecht")
    pages = pdf_pages(client.get(f"/team/veranstaltungen/{event.pk}/teilnahmeliste.pdf?termin={day2.pk}").content)
    assert "Zweiter Tag" in pages[0] and "Anna Albrecht" in pages[0]


def test_certificates_go_to_everyone_checked_in_and_arrive_at_a_real_smtp_server(
    client, team, login_as, smtp_server, django_capture_on_commit_callbacks
):
    login_as(team)
    event = make_event(title="Asylrecht kompakt", days_ahead=-1, hours=6, topics=[make_topic()])
    present = [make_participant(event, name=f"Anwesend {n}", email=f"anwesend{n}@example.org") for n in (1, 2)]
    absent = make_participant(event, name="Nicht Gekommen", email="absent@example.org")
    for booking in present:
        participants.check_in(actor=team, booking=booking)
    page = client.get(f"/team/veranstaltungen/{event.pk}/bescheinigungen/").content.decode()
    assert "Bescheinigungen an 2 Personen verschicken" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/team/veranstaltungen/{event.pk}/bescheinigungen/")
    mailing = Mailing.objects.get(kind=Mailing.Kind.CERTIFICATES)
    assert response["Location"] == f"/team/veranstaltungen/{event.pk}/rundmails/{mailing.pk}/"
    deliver_outbox()
    assert not [m for m in smtp_server.messages_to("absent@example.org") if "Teilnahmebescheinigung" in m.subject]
    (mail,) = [m for m in smtp_server.messages_to("anwesend1@example.org") if "Teilnahmebescheinigung" in m.subject]
    assert "Teilnahmebescheinigung" in mail.subject
    ((filename, mimetype, body),) = mail.attachments
    assert mimetype == "application/pdf" and filename.startswith("teilnahmebescheinigung-asylrecht-kompakt")
    (text,) = pdf_pages(body)
    for expected in ("Teilnahmebescheinigung", "Anwesend 1", "Asylrecht kompakt", "6 Stunden", "Asylverfahren"):
        assert expected in text
    assert "Kulturbüro Sachsen e.V." in text and "Anwesend 2" not in text
    page = client.get(response["Location"]).content.decode()
    assert "verschickt</dt><dd>2</dd>" in page and "Der Versand ist abgeschlossen." in page
    # Sending again sends nothing twice.
    client.post(f"/team/veranstaltungen/{event.pk}/bescheinigungen/")
    assert Certificate.objects.count() == 2 and Mailing.objects.count() == 1
    assert absent.attended is None


def test_certificate_hours_count_the_sessions_attended(team):
    from documents.queries import certificate_data

    event = make_event(days_ahead=-3, hours=56)
    day1 = Session.objects.create(event=event, title="Tag 1", start=event.start, end=event.start + timedelta(hours=6))
    Session.objects.create(event=event, title="Tag 2", start=event.start + timedelta(days=1), end=event.end)
    booking = make_participant(event)
    participants.check_in(actor=team, booking=booking, session=day1)
    (data,) = certificate_data([booking], event)
    assert data.hours == 6 and [s.title for s in data.sessions] == ["Tag 1"]


def test_each_person_downloads_their_own_certificate_through_the_personal_link(client, team, login_as):
    login_as(team)
    event = make_event(title="Sprachcafé gründen", days_ahead=-1, hours=3)
    booking = make_participant(event, name="Frida Fleißig")
    other = make_participant(event, name="Otto Anders")
    token = personal_token(booking.registration)
    page = client.get(f"/anmeldung/{token}/").content.decode()
    assert "Teilnahmebescheinigung herunterladen" not in page
    participants.check_in(actor=team, booking=booking)
    page = client.get(f"/anmeldung/{token}/").content.decode()
    assert f"/anmeldung/{token}/bescheinigung/{booking.pk}.pdf" in page
    (text,) = pdf_pages(client.get(f"/anmeldung/{token}/bescheinigung/{booking.pk}.pdf").content)
    assert "Frida Fleißig" in text and "Sprachcafé gründen" in text and "3 Stunden" in text
    # Someone else's booking id with my link, a forged link, a person who did not attend: 404.
    assert client.get(f"/anmeldung/{token}/bescheinigung/{other.pk}.pdf").status_code == 404
    assert client.get(f"/anmeldung/{token}x/bescheinigung/{booking.pk}.pdf").status_code == 404
    other_token = personal_token(other.registration)
    assert client.get(f"/anmeldung/{other_token}/bescheinigung/{other.pk}.pdf").status_code == 404


def test_certificate_in_english_for_people_who_registered_in_english(client, team, login_as):
    login_as(team)
    event = make_event(title="Asylum law basics", days_ahead=-1, hours=4)
    booking = make_participant(event, name="Jane Doe", language="en")
    participants.check_in(actor=team, booking=booking)
    token = personal_token(booking.registration)
    (text,) = pdf_pages(client.get(f"/en/anmeldung/{token}/bescheinigung/{booking.pk}.pdf").content)
    assert "Certificate of attendance" in text and "4 hours" in text


def test_a_second_click_while_certificates_are_being_prepared_starts_no_second_mailing(client, team, login_as):
    login_as(team)
    event = make_event(days_ahead=-1)
    for n in (1, 2):
        participants.check_in(actor=team, booking=make_participant(event, email=f"a{n}@example.org"))
    url = f"/team/veranstaltungen/{event.pk}/bescheinigungen/"
    first = client.post(url)
    mailing = Mailing.objects.get()
    assert mailing.prepared_at is None  # the worker has not run yet (on_commit never fires here)
    second = client.post(url, follow=True)
    assert Mailing.objects.count() == 1
    progress = f"/team/veranstaltungen/{event.pk}/rundmails/{mailing.pk}/"
    assert second.redirect_chain[0][0] == first["Location"] == progress
    assert "Die Bescheinigungen werden schon verschickt." in second.content.decode()
    assert Entry.objects.filter(action="certificates.sent").count() == 1


def _attendees(event, team, *names):
    bookings = [make_participant(event, name=name, email=f"{name.split()[0].lower()}@example.org") for name in names]
    for booking in bookings:
        participants.check_in(actor=team, booking=booking)
    return bookings


def test_a_failing_pdf_is_counted_and_the_others_still_go_out(
    client, team, login_as, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    login_as(team)
    import weasyprint

    real_html = weasyprint.HTML

    def html(*, string, **kwargs):  # WeasyPrint choking on one person's certificate
        if "Kaputt Person" in string:
            raise ValueError("cannot draw Kaputt Person")
        return real_html(string=string, **kwargs)

    monkeypatch.setattr(weasyprint, "HTML", html)
    event = make_event(days_ahead=-1)
    ok, broken, also_ok = _attendees(event, team, "Anna Gut", "Kaputt Person", "Carla Gut")
    url = f"/team/veranstaltungen/{event.pk}/bescheinigungen/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    run_jobs()
    mailing = Mailing.objects.get()
    assert mailing.prepared_at is not None and mailing.failed == 1
    assert set(Certificate.objects.values_list("booking", flat=True)) == {ok.pk, also_ok.pk}
    (log,) = [r for r in caplog.records if r.name == "documents.services"]
    assert str(broken.pk) in log.getMessage() and "ValueError" in log.getMessage()
    assert "Kaputt" not in caplog.text and "kaputt@" not in caplog.text
    page = client.get(response["Location"]).content.decode()
    assert "Bescheinigungen nicht erstellt</dt><dd>1</dd>" in page and "läuft noch" not in page
    assert "Einige Bescheinigungen konnten nicht erstellt werden." in page
    # Once WeasyPrint works again, sending again retries only the missing one.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    run_jobs()
    retry = Mailing.objects.exclude(pk=mailing.pk).get()
    assert retry.planned == 1 and retry.failed == 0 and retry.prepared_at is not None
    assert Certificate.objects.get(booking=broken).mailing == retry


def test_an_unfinished_mailing_is_resumed_by_clicking_again_and_by_the_sweep(
    client, team, login_as, settings, django_capture_on_commit_callbacks
):
    login_as(team)
    from datetime import datetime

    from documents.services import resume_certificate_mailings

    assert ("documents.tasks.resume_certificate_mailings", 300) in periodic_schedule()
    event = make_event(days_ahead=-1)
    done, missing = _attendees(event, team, "Anna Fertig", "Bernd Fehlt")
    url = f"/team/veranstaltungen/{event.pk}/bescheinigungen/"
    client.post(url)  # its job is lost (on_commit never fires here): like a worker that died
    mailing = Mailing.objects.get()
    Certificate.objects.create(booking=done, mailing=mailing)  # it got this far
    assert "läuft noch" in client.get(f"/team/veranstaltungen/{event.pk}/rundmails/{mailing.pk}/").content.decode()
    # Too fresh for the sweep: a worker may still be busy with it.
    assert resume_certificate_mailings() == 0
    # Clicking "senden" again resumes it.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    run_jobs()
    mailing.refresh_from_db()
    assert mailing.prepared_at is not None and Mailing.objects.count() == 1
    assert Certificate.objects.get(booking=missing).mailing == mailing
    assert Certificate.objects.count() == 2

    # The periodic sweep resumes a stalled mailing nobody clicks again.
    other = make_event(days_ahead=-1)
    (late,) = _attendees(other, team, "Clara Spaet")
    client.post(f"/team/veranstaltungen/{other.pk}/bescheinigungen/")
    stalled = Mailing.objects.get(event=other)
    Mailing.objects.filter(pk=stalled.pk).update(created_at=datetime(2020, 1, 1, tzinfo=UTC))
    resume_task.enqueue()
    with django_capture_on_commit_callbacks(execute=True):
        run_jobs()
    run_jobs()
    stalled.refresh_from_db()
    assert stalled.prepared_at is not None and Certificate.objects.get(booking=late).mailing == stalled
    assert resume_certificate_mailings() == 0
