"""Travel-cost reimbursement: submit through the personal link, bad input, review, mail, SEPA and
XLSX, bank data only for admin/team with the second factor, every view audited, retention."""

import io
import os
from datetime import datetime, time, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from accounts.testing import persona_names
from audit.models import Entry
from conferences import services
from conferences.models import Conference, PaymentBatch, Receipt, Reimbursement
from conferences.retention import erase_after, erase_bank_data
from conferences.staff_forms import DecisionForm
from conferences.testing import make_conference, register_with_wishes, workshops
from mail.models import OutboxMessage
from registrations.models import Booking
from registrations.tokens import personal_token

pytestmark = pytest.mark.django_db

IBAN = "DE89 3704 0044 0532 0130 00"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _receipts(settings, tmp_path):
    settings.REIMBURSEMENT_RECEIPTS_ROOT = tmp_path / "receipts"
    settings.REIMBURSEMENT_DEBTOR_IBAN = "DE02120300000000202051"
    settings.REIMBURSEMENT_DEBTOR_BIC = "BYLADEM1001"


def attendee(name="Erika Beispiel", email=None):
    conference = Conference.objects.first() or make_conference(slots=1, workshops=1)
    Conference.objects.filter(pk=conference.pk).update(offers_reimbursement=True)
    person = register_with_wishes(conference, (workshops(conference)[0][0], None), name=name, email=email)
    Booking.objects.filter(registration=person).update(attended=True)
    return person


def data(**changes):
    values = {
        "route": "Zittau – Dresden und zurück",
        "transport": "train",
        "amount": "23,40",
        "account_holder": "Erika Beispiel",
        "iban": IBAN,
        "receipt_1": SimpleUploadedFile("fahrkarte.pdf", PDF, content_type="application/pdf"),
    }
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def submit(client, person, **changes):
    return client.post(f"/anmeldung/{personal_token(person)}/fahrtkosten/", data(**changes))


def test_attendee_submits_with_receipt_and_sees_the_state(client):
    person = attendee()
    page = client.get(f"/anmeldung/{personal_token(person)}/").content.decode()
    assert "Fahrtkosten erstatten lassen" in page
    assert submit(client, person).status_code == 302
    item = Reimbursement.objects.get()
    assert (item.amount, item.iban, item.status) == (Decimal("23.40"), "DE89370400440532013000", "submitted")
    (receipt,) = item.receipts.all()
    assert receipt.content_type == "application/pdf" and receipt.file.read() == PDF
    html = client.get(f"/anmeldung/{personal_token(person)}/fahrtkosten/").content.decode()
    assert "eingereicht" in html and "DE89 **** 3000" in html and IBAN not in html
    # Only once.
    assert submit(client, person).status_code == 200
    assert Reimbursement.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"iban": "DE89 3704 0044 0532 0130 01"}, "Diese IBAN ist nicht gültig"),
        ({"amount": "zwanzig"}, "Bitte geben Sie den Betrag als Zahl an"),
        ({"amount": "-5"}, "Der Betrag muss größer als 0 sein (nicht negativ)"),
        ({"amount": "0"}, "Der Betrag muss größer als 0 sein"),
        ({"amount": "12,345"}, "höchstens zwei Nachkommastellen"),
        ({"receipt_1": SimpleUploadedFile("fahrkarte.pdf", PNG)}, "Diese Datei ist kein PDF-, JPG- oder PNG-Beleg"),
        ({"receipt_1": SimpleUploadedFile("skript.pdf", b"#!/bin/sh\nrm -rf /\n")}, "Diese Datei ist kein PDF-"),
        ({"receipt_1": None}, "Bitte laden Sie mindestens einen Beleg hoch"),
    ],
)
def test_bad_input_says_what_to_fix_and_keeps_what_was_typed(client, changes, message):
    person = attendee()
    response = submit(client, person, **changes)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert 'value="Zittau – Dresden und zurück"' in html
    assert not Reimbursement.objects.exists()


def test_receipt_too_large_is_refused(client, settings):
    settings.REIMBURSEMENT_MAX_RECEIPT_MB = 0
    response = submit(client, attendee())
    assert "Der Beleg ist größer als 0 MB" in response.content.decode()


def test_only_after_attending_and_only_where_offered(client):
    person = attendee()
    Booking.objects.filter(registration=person).update(attended=None)
    assert (
        "sobald Sie beim Einlass als anwesend eingetragen sind"
        in client.get(f"/anmeldung/{personal_token(person)}/fahrtkosten/").content.decode()
    )
    Conference.objects.update(offers_reimbursement=False)
    assert submit(client, person).status_code == 200
    assert not Reimbursement.objects.exists()


def test_review_full_partly_reject_mail_and_sepa_and_xlsx(client, team, login_as):
    people = [attendee(name=f"Person {n}", email=f"person{n}@example.org") for n in range(3)]
    for person in people:
        assert submit(client, person).status_code == 302
    login_as(team)
    event = people[0].event
    base = f"/team/veranstaltungen/{event.pk}/programm/fahrtkosten/"
    items = list(Reimbursement.objects.order_by("id"))
    listing = client.get(base).content.decode()
    assert "3 Anträge: 70.20 € beantragt" in listing or "3 Anträge: 70,20 € beantragt" in listing
    ok = client.post(f"{base}{items[0].pk}/", {"decision": "approved", "version": 1})
    assert ok.status_code == 302
    refused = client.post(f"{base}{items[1].pk}/", {"decision": "partly", "approved_amount": "30", "version": 1})
    html = refused.content.decode()
    assert "Bitte begründen Sie" in html and "muss der Betrag kleiner als der beantragte" in html
    client.post(
        f"{base}{items[1].pk}/",
        {"decision": "partly", "approved_amount": "10,00", "reason": "Nur 2. Klasse", "version": 1},
    )
    client.post(f"{base}{items[2].pk}/", {"decision": "rejected", "reason": "Mitfahrgelegenheit", "version": 1})
    assert [r.status for r in Reimbursement.objects.order_by("id")] == ["approved", "partly", "rejected"]
    # A second team member deciding on an old version is refused.
    stale = client.post(f"{base}{items[2].pk}/", {"decision": "approved", "version": 1})
    assert stale.status_code == 409
    mails = {m.to: m for m in OutboxMessage.objects.filter(subject__contains="Fahrtkostenerstattung")}
    assert "10.00 €" in mails["person1@example.org"].text or "10,00 €" in mails["person1@example.org"].text
    assert "Mitfahrgelegenheit" in mails["person2@example.org"].text

    export = client.post(f"{base}sepa.xml", follow=True)
    assert "SEPA-Datei Nr. 1 mit 2 Überweisungen erstellt" in export.content.decode()
    batch = PaymentBatch.objects.get()
    # Exported is not paid: the money has not left the bank yet.
    assert [r.status for r in Reimbursement.objects.order_by("id")] == ["exported", "exported", "rejected"]
    assert "Überweisung ausstehend" in export.content.decode()
    sepa = client.get(f"{base}sepa/{batch.pk}.xml")
    assert sepa["Content-Type"] == "application/xml"
    document = etree.fromstring(sepa.content)
    ns = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}
    assert document.findtext(".//p:GrpHdr/p:NbOfTxs", namespaces=ns) == "2"
    assert document.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=ns) == "33.40"
    assert {e.text for e in document.findall(".//p:CdtrAcct/p:Id/p:IBAN", namespaces=ns)} == {"DE89370400440532013000"}
    assert sorted(e.text for e in document.findall(".//p:InstdAmt", namespaces=ns)) == ["10.00", "23.40"]
    assert client.get(f"{base}sepa/{batch.pk}.xml").content == sepa.content  # the same file again
    # Exporting again makes no second file with the same payments; a decision can no longer change.
    again = client.post(f"{base}sepa.xml", follow=True)
    assert "noch in keiner SEPA-Datei stehen" in again.content.decode()
    assert PaymentBatch.objects.count() == 1
    locked = client.post(f"{base}{items[0].pk}/", {"decision": "rejected", "reason": "zu spät", "version": 2})
    assert locked.status_code == 409 and Reimbursement.objects.get(pk=items[0].pk).status == "exported"

    # The team confirms the bank executed the file: paid on that date, people told by mail.
    today = timezone.localdate()
    future = client.post(f"{base}sepa/{batch.pk}/bezahlt/", {"paid_on": (today + timedelta(days=1)).isoformat()})
    assert future.status_code == 400 and "in der Zukunft" in future.content.decode()
    assert Reimbursement.objects.filter(status="paid").count() == 0
    client.post(f"{base}sepa/{batch.pk}/bezahlt/", {"paid_on": today.isoformat()})
    client.post(f"{base}sepa/{batch.pk}/bezahlt/", {"paid_on": today.isoformat()})  # a double click
    assert [r.status for r in Reimbursement.objects.order_by("id")] == ["paid", "paid", "rejected"]
    batch.refresh_from_db()
    assert batch.paid_on == today
    paid_mails = OutboxMessage.objects.filter(subject__contains="überwiesen")
    assert sorted(m.to for m in paid_mails) == ["person0@example.org", "person1@example.org"]
    assert Entry.objects.filter(action="reimbursement.paid").count() == 1

    sheet = load_workbook(io.BytesIO(client.get(f"{base}export.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][1] == "Name" and len(rows) == 4 and rows[1][8] == "DE89370400440532013000"
    codes = set(Entry.objects.filter(action__startswith="reimbursement.").values_list("action", flat=True))
    assert codes >= {
        "reimbursement.submitted",
        "reimbursement.approved",
        "reimbursement.partly",
        "reimbursement.rejected",
        "reimbursement.exported",
        "reimbursement.batch_downloaded",
        "reimbursement.paid",
        "reimbursement.viewed",
        "reimbursement.list_viewed",
        "reimbursement.xlsx_exported",
    }


def test_receipt_download_is_audited_and_sent_as_attachment(client, admin, login_as):
    person = attendee()
    submit(client, person)
    receipt = Receipt.objects.get()
    login_as(admin)
    url = f"/team/veranstaltungen/{person.event.pk}/programm/fahrtkosten/{receipt.reimbursement_id}/beleg/{receipt.pk}/"
    response = client.get(url)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert Entry.objects.filter(action="reimbursement.receipt_viewed").exists()


@pytest.mark.parametrize("persona", persona_names)
def test_bank_data_only_for_admin_and_team_with_the_second_factor(client, login_as, persona, request):
    person = attendee()
    submit(client, person)
    item = Reimbursement.objects.get()
    user = request.getfixturevalue(persona)
    login_as(user)
    base = f"/team/veranstaltungen/{person.event.pk}/programm/fahrtkosten/"
    got = [
        client.get(url).status_code
        for url in (base, f"{base}{item.pk}/", f"{base}export.xlsx", f"{base}{item.pk}/beleg/{item.receipts.get().pk}/")
    ]
    expected = {"anonymous": [302] * 4, "admin": [200] * 4, "team": [200] * 4}.get(persona, [403] * 4)
    assert got == expected
    if persona in ("admin", "team"):
        client.logout()
        client.force_login(user)  # password only, no second factor
        assert client.get(base).status_code == 302


def test_retention_erases_bank_data_after_the_accounting_deadline_and_keeps_totals(client, settings):
    person = attendee()
    submit(client, person)
    item = Reimbursement.objects.get()
    Reimbursement.objects.filter(pk=item.pk).update(status="paid", approved_amount=Decimal("23.40"))
    deadline = erase_after(person.event.start)
    assert (deadline.month, deadline.day) == (9, 30)  # 31 March of the following year + 6 months
    assert erase_bank_data(now=person.event.end) == {"bank_details_erased": 0, "receipts_deleted": 0}
    path = Receipt.objects.get().file.path
    later = timezone.make_aware(datetime.combine(deadline, time(12))) + timedelta(days=1)
    assert erase_bank_data(now=later) == {"bank_details_erased": 1, "receipts_deleted": 1}
    item.refresh_from_db()
    assert (item.iban, item.account_holder, item.route, item.amount, item.approved_amount) == (
        "",
        "",
        "",
        Decimal("23.40"),
        Decimal("23.40"),
    )
    assert not Receipt.objects.exists()
    assert not os.path.exists(path)
    settings.REIMBURSEMENT_KEEP_MONTHS = 12
    assert erase_after(person.event.start).month == 3


def approved(person):
    return Reimbursement.objects.create(
        conference=Conference.objects.get(event=person.event),
        registration=person,
        status=Reimbursement.Status.APPROVED,
        route="Zittau – Dresden",
        transport=Reimbursement.Transport.TRAIN,
        amount=Decimal("23.40"),
        approved_amount=Decimal("23.40"),
        iban="DE89370400440532013000",
        account_holder="Erika Beispiel",
    )


def test_reimbursement_list_with_sepa_files_has_a_fixed_number_of_queries(client, team, login_as):
    login_as(team)
    counts = []
    for size in (1, 5):
        conference = make_conference(slots=1, workshops=1)
        people = [register_with_wishes(conference) for _ in range(size)]
        for n, person in enumerate(people):
            approved(person)
            batch = services.export_payments(actor=team, conference=conference)
            if n % 2:
                services.confirm_paid(actor=team, batch=batch, paid_on=timezone.localdate())
        with CaptureQueriesContext(connection) as queries:
            page = client.get(f"/team/veranstaltungen/{conference.event.pk}/programm/fahrtkosten/")
        assert f"Datei Nr. {size} herunterladen" in page.content.decode()
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_retention_also_erases_the_sepa_file_that_holds_the_iban(settings):
    settings.REIMBURSEMENT_DEBTOR_IBAN = "DE02120300000000202051"
    person = attendee()
    item = approved(person)
    batch = services.export_payments(actor=None, conference=item.conference)
    assert "DE89370400440532013000" in batch.xml
    services.confirm_paid(actor=None, batch=batch, paid_on=timezone.localdate())
    later = timezone.make_aware(datetime.combine(erase_after(person.event.start), time(12))) + timedelta(days=1)
    assert erase_bank_data(now=later)["bank_details_erased"] == 1
    batch.refresh_from_db()
    assert (batch.xml, batch.count, batch.total) == ("", 1, Decimal("23.40"))


def test_a_partial_approval_of_nothing_is_refused_with_a_hint_to_reject():
    item = approved(attendee())
    form = DecisionForm(
        {"decision": "partly", "approved_amount": "0", "reason": "nichts", "version": item.version}, reimbursement=item
    )
    assert not form.is_valid()
    assert "Bitte lehnen Sie den Antrag dann ab" in form.errors["approved_amount"][0]
