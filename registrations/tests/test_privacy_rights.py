"""Self-service rights through the personal link, and the staff tool for requests by e-mail."""

import json

import pytest
from django.core import signing
from django.test import Client

from audit.models import Entry
from events.testing import make_event
from mail.models import OutboxMessage
from mail.testing import deliver_outbox
from registrations.models import Booking, Registration
from registrations.testing import register
from registrations.tokens import CONFIRM_SALT, confirm_token, personal_token

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def past_and_future(email="anna.privat@example.org"):
    past = make_event(title="Schulung vom letzten Jahr", days_ahead=-200)
    future = make_event(title="Schulung im Frühjahr", days_ahead=30, capacity=1)
    # The builder registers with a clock before each event; the past one needs it moved back.
    old = register(past, email=email, name="Anna Privat", attended=True)
    upcoming = register(future, email=email, name="Anna Privat", phone="0170 1234567")
    waiting = register(future, email="wartende@example.org", name="Wartende Person", days_before=9)
    assert Booking.objects.get(registration=waiting).status == Booking.Status.WAITING
    return old, upcoming, waiting


def test_my_data_page_shows_everything_stored_about_the_address():
    old, upcoming, _ = past_and_future()
    page = Client().get(f"/datenschutz/meine-daten/{personal_token(upcoming)}/").content.decode()
    for value in ["Anna Privat", "anna.privat@example.org", "0170 1234567", "Schulung vom letzten Jahr", "Pirna"]:
        assert value in page
    assert "Wartende Person" not in page  # only this person's data
    assert "Daten herunterladen (JSON)" in page


def test_json_download_is_machine_readable_and_complete():
    old, upcoming, _ = past_and_future()
    response = Client().get(f"/datenschutz/meine-daten/{personal_token(old)}/daten.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert [r["angebot"] for r in data["anmeldungen"]] == ["Schulung vom letzten Jahr", "Schulung im Frühjahr"]
    first = data["anmeldungen"][0]
    assert first["email"] == "anna.privat@example.org"
    assert first["datenschutzerklaerung_version"] == 1 and first["eingewilligt_am"]
    assert first["termine"][0]["teilgenommen"] is True
    assert first["anonymisiert_ab"] > first["termine"][0]["ende"]  # when retention will blank it


def test_my_data_page_in_english():
    _, upcoming, _ = past_and_future()
    page = Client().get(f"/en/datenschutz/meine-daten/{personal_token(upcoming)}/").content.decode()
    assert "Your stored data" in page and "Download data (JSON)" in page


@pytest.mark.parametrize("kind", ["tampered", "confirm-link", "unknown", "garbage"])
def test_tampered_foreign_and_unknown_tokens_are_refused(kind):
    _, upcoming, _ = past_and_future()
    token = {
        "tampered": personal_token(upcoming)[:-2] + "xx",
        "confirm-link": confirm_token(upcoming),  # a token for another purpose (other salt)
        "unknown": signing.dumps("0" * 32, salt="registrations.personal-link.v1"),
        "garbage": "abc",
    }[kind]
    for url in [
        "/datenschutz/meine-daten/{}/",
        "/datenschutz/meine-daten/{}/daten.json",
        "/datenschutz/meine-daten/{}/loeschen/",
    ]:
        response = Client().get(url.format(token))
        assert response.status_code == 404
        assert "Anna Privat" not in response.content.decode()
    assert CONFIRM_SALT != "registrations.personal-link.v1"


def test_erase_me_asks_first_then_cancels_anonymises_and_promotes_the_waiting_list():
    old, upcoming, waiting = past_and_future()
    token = personal_token(upcoming)
    confirm_page = Client().get(f"/datenschutz/meine-daten/{token}/loeschen/").content.decode()
    assert "Möchten Sie Ihre Daten wirklich löschen?" in confirm_page
    assert Registration.objects.get(pk=upcoming.pk).name == "Anna Privat"  # nothing happened yet

    response = Client().post(f"/datenschutz/meine-daten/{token}/loeschen/", follow=True)
    assert "Ihre Daten wurden gelöscht" in response.content.decode()
    for registration in (old, upcoming):
        registration.refresh_from_db()
        assert registration.name == "" and registration.phone == "" and registration.anonymised_at
        assert "anna.privat" not in registration.email
    assert Booking.objects.get(registration=upcoming).status == Booking.Status.CANCELLED
    assert Booking.objects.get(registration=old).status == Booking.Status.CONFIRMED  # history for reports
    assert Booking.objects.get(registration=waiting).status == Booking.Status.CONFIRMED  # moved up
    assert OutboxMessage.objects.filter(to="wartende@example.org", template__endswith="moved_up").exists()
    assert Client().get(f"/datenschutz/meine-daten/{token}/").status_code == 404
    entry = Entry.objects.get(action="privacy.self_erased")
    assert "anna" not in json.dumps(entry.details) and entry.details["cancelled"] == 1


def test_erasure_leaves_no_waiting_mail_with_the_address_only_the_last_notice_until_it_is_sent(smtp_server):
    from privacy.retention import apply_retention
    from registrations.mails import lost_links

    # The mail server was unreachable: everything written so far still waits in the outbox.
    old, upcoming, waiting = past_and_future()
    lost_links("anna.privat@example.org", [old, upcoming], "de")
    to_anna = OutboxMessage.objects.filter(to="anna.privat@example.org")
    # Five about the registrations, and the newsletter's own confirmation for each ticked form.
    assert to_anna.exclude(template__startswith="newsletter/").count() == 5 and set(
        to_anna.values_list("status", flat=True)
    ) == {"queued"}
    others = set(OutboxMessage.objects.exclude(to="anna.privat@example.org").values_list("pk", flat=True))

    Client().post(f"/datenschutz/meine-daten/{personal_token(upcoming)}/loeschen/")

    # What was waiting is gone; the one mail left is the notice the erasure page promises.
    (notice,) = to_anna.all()
    assert notice.template.endswith("/cancelled") and notice.status == "queued"
    assert not OutboxMessage.objects.exclude(pk=notice.pk).filter(text__contains="Anna").exists()
    assert others < set(OutboxMessage.objects.values_list("pk", flat=True))  # and the moved-up mail is new
    deliver_outbox()
    assert [m.subject for m in smtp_server.messages_to("anna.privat@example.org")] == [notice.subject]

    apply_retention()  # the next hourly run
    assert not OutboxMessage.objects.filter(to__iexact="anna.privat@example.org").exists()
    for field in ("subject", "text", "html"):
        assert not OutboxMessage.objects.filter(**{f"{field}__contains": "Anna Privat"}).exists()
    assert OutboxMessage.objects.filter(to="wartende@example.org", template__endswith="moved_up").exists()


def test_my_data_page_needs_a_fixed_number_of_queries(django_assert_max_num_queries):
    def queries_for(n):
        event = make_event(days_ahead=40)
        email = f"viele{n}@example.org"
        registrations = [register(make_event(days_ahead=40 + i), email=email) for i in range(n)] or [register(event)]
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            Client().get(f"/datenschutz/meine-daten/{personal_token(registrations[0])}/")
        return len(ctx.captured_queries)

    assert queries_for(1) == queries_for(6)


# --- staff tool ----------------------------------------------------------------------------


def test_team_finds_exports_and_erases_a_person_by_address_each_step_in_the_audit_log(team, login_as):
    old, upcoming, waiting = past_and_future()
    client = login_as(team)
    page = client.post("/team/datenschutz/anfragen/", {"email": "ANNA.PRIVAT@example.org"}).content.decode()
    # Both registrations and the newsletter subscription one of them asked for.
    assert "3 Einträge gefunden" in page and "Anna Privat" in page and "Newsletter-Abo" in page

    export = client.post("/team/datenschutz/anfragen/auskunft/", {"email": "anna.privat@example.org"})
    assert len(json.loads(export.content)["anmeldungen"]) == 2

    confirm = client.post("/team/datenschutz/anfragen/loeschen/", {"email": "anna.privat@example.org"}).content.decode()
    assert "Daten dieser Person löschen?" in confirm
    refused = client.post(
        "/team/datenschutz/anfragen/loeschen/", {"email": "anna.privat@example.org", "step": "confirm"}
    )
    assert "Bitte bestätigen Sie, dass Sie die Herkunft der Anfrage geprüft haben." in refused.content.decode()
    assert Registration.objects.filter(email="anna.privat@example.org").count() == 2

    done = client.post(
        "/team/datenschutz/anfragen/loeschen/",
        {"email": "anna.privat@example.org", "step": "confirm", "confirmed": "on"},
    ).content.decode()
    assert "3 Einträge anonymisiert oder beendet, 1 Platz abgesagt." in done
    assert not Registration.objects.filter(email="anna.privat@example.org").exists()
    assert Booking.objects.get(registration=waiting).status == Booking.Status.CONFIRMED
    actions = list(
        Entry.objects.filter(action__startswith="privacy.request").order_by("id").values_list("action", flat=True)
    )
    assert actions == ["privacy.request_lookup", "privacy.request_exported", "privacy.request_erased"]
    for entry in Entry.objects.all():
        assert "anna" not in json.dumps(entry.details).lower()


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_other_roles_cannot_use_the_staff_tool(persona, request, login_as):
    past_and_future()
    client = login_as(request.getfixturevalue(persona))
    response = client.post("/team/datenschutz/anfragen/", {"email": "anna.privat@example.org"})
    assert response.status_code == 403
    assert "Anna Privat" not in response.content.decode()
    assert client.post("/team/datenschutz/anfragen/auskunft/", {"email": "anna.privat@example.org"}).status_code == 403


def test_anonymous_visitors_are_sent_to_login_and_learn_nothing():
    past_and_future()
    response = Client().post("/team/datenschutz/anfragen/", {"email": "anna.privat@example.org"})
    assert response.status_code == 302 and "anmelden" in response["Location"]
    assert "anna" not in response["Location"]


def test_lookup_for_an_unknown_address_says_nothing_is_stored(team, login_as):
    page = login_as(team).post("/team/datenschutz/anfragen/", {"email": "niemand@example.org"}).content.decode()
    assert "0 Einträge gefunden" in page
    assert "keine personenbezogenen Daten (mehr) gespeichert" in page


def test_lookup_form_error_says_what_to_do(team, login_as):
    page = login_as(team).post("/team/datenschutz/anfragen/", {"email": "kein-at-zeichen"}).content.decode()
    assert "Bitte geben Sie eine E-Mail-Adresse wie name@example.org ein." in page


def test_retention_date_is_unchanged_by_viewing(settings):
    # Viewing one's data is not a reason to keep it longer.
    _, upcoming, _ = past_and_future()
    before = Registration.objects.get(pk=upcoming.pk).updated_at
    Client().get(f"/datenschutz/meine-daten/{personal_token(upcoming)}/")
    assert Registration.objects.get(pk=upcoming.pk).updated_at == before
