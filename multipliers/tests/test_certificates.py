"""Completion certificates: one action for all who completed, queued and mailed through the outbox
(real SMTP), the rule checked again when the job runs, and the download through the personal link."""

import io

import pytest
from pypdf import PdfReader

from mail.testing import deliver_outbox
from multipliers import services
from multipliers.models import CertificateRun, CompletionCertificate
from multipliers.testing import attend, enrol, make_course, modules_of
from registrations.tokens import personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def pdf_text(body):
    assert body.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())


def test_certificates_go_to_everyone_who_completed_and_arrive_at_a_real_smtp_server(
    client, team, login_as, smtp_server, django_capture_on_commit_callbacks
):
    login_as(team)
    course = make_course(title="Fortbildung Migrationsrecht Görlitz")
    done = enrol(course, name="Erika Beispiel", email="erika@example.org")
    attend(done, 1, 2, 3, 4, 5, 6)
    attend(enrol(course, name="Nicht Fertig", email="offen@example.org"), 1, 2)
    page = client.get(f"/team/veranstaltungen/{course.pk}/zertifikate/").content.decode()
    assert "Zertifikat an 1 Person verschicken" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/team/veranstaltungen/{course.pk}/zertifikate/")
    deliver_outbox()
    assert not [m for m in smtp_server.messages_to("offen@example.org") if "Zertifikat" in m.subject]
    (mail,) = [m for m in smtp_server.messages_to("erika@example.org") if "Zertifikat" in m.subject]
    ((filename, mimetype, body),) = mail.attachments
    assert mimetype == "application/pdf" and filename == "zertifikat-fortbildung-migrationsrecht-gorlitz.pdf"
    text = pdf_text(body)
    for expected in (
        "Zertifikat",
        "Erika Beispiel",
        "Fortbildung Migrationsrecht Görlitz",
        "Modul 1: Asylverfahren",
        "Modul 6: Selbstfürsorge",
        "Stunden insgesamt 42",
        "Kulturbüro Sachsen e.V.",
        "Unterschrift",
    ):
        assert expected in text
    assert modules_of(course)[0].start.strftime("%d.%m.%Y") in text
    page = client.get(f"/team/veranstaltungen/{course.pk}/zertifikate/").content.decode()
    assert "Niemand wartet auf ein Zertifikat." in page
    # Sending again sends nothing twice.
    client.post(f"/team/veranstaltungen/{course.pk}/zertifikate/")
    assert CompletionCertificate.objects.count() == 1 and CertificateRun.objects.count() == 1


def test_the_rule_is_checked_again_when_the_job_runs(team, django_capture_on_commit_callbacks):
    from mail.testing import run_jobs

    course = make_course()
    six, five = enrol(course), enrol(course)
    attend(six, 1, 2, 3, 4, 5, 6)
    attend(five, 1, 2, 3, 4, 5)
    rule = services.save_rule(
        actor=team, course=course, version=0, minimum_modules=5, required_modules=[], allow_make_up=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        run, started = services.start_certificates(actor=team, course=course)
    assert started and run.planned == 2
    # The team tightens the rule before the worker gets to the job.
    services.save_rule(
        actor=team, course=course, version=rule.version, minimum_modules=None, required_modules=[], allow_make_up=False
    )
    run_jobs()
    assert list(CompletionCertificate.objects.values_list("registration", flat=True)) == [six.pk]


def test_changing_the_rule_after_certificates_asks_and_names_whom_it_affects(client, team, login_as):
    login_as(team)
    course = make_course()
    five = enrol(course, name="Fünf Module")
    attend(five, 1, 2, 3, 4, 5)
    services.save_rule(
        actor=team, course=course, version=0, minimum_modules=5, required_modules=[], allow_make_up=False
    )
    CompletionCertificate.objects.create(registration=five)
    url = f"/team/veranstaltungen/{course.pk}/abschlussregel/"
    form = {"minimum_modules": "6", "version": "1"}
    page = client.post(url, form).content.decode()
    assert "Fünf Module" in page and "Regel trotzdem speichern" in page
    assert course.completion_rule.minimum_modules == 5
    response = client.post(url, {**form, "confirmed": "on"})
    assert response.status_code == 302
    course.completion_rule.refresh_from_db()
    assert course.completion_rule.minimum_modules == 6


def test_progress_and_certificate_through_the_personal_link(client):
    course = make_course(days_ahead=-20)
    person = enrol(course)
    attend(person, 1, 2, 3)
    token = personal_token(person)
    page = client.get(f"/anmeldung/{token}/").content.decode()
    assert "Ihr Stand in der Fortbildung" in page and "kommt noch" in page
    assert "Zertifikat herunterladen" not in page
    assert client.get(f"/anmeldung/{token}/zertifikat.pdf").status_code == 404
    done_course = make_course(title="Abgeschlossene Fortbildung")
    done = enrol(done_course, name="Fertig Person")
    attend(done, 1, 2, 3, 4, 5, 6)
    token = personal_token(done)
    assert "Zertifikat herunterladen" in client.get(f"/anmeldung/{token}/").content.decode()
    response = client.get(f"/anmeldung/{token}/zertifikat.pdf")
    assert response["Cache-Control"] == "no-store"
    assert "Fertig Person" in pdf_text(response.content)
