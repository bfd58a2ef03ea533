"""The accounts page /team/konten/: who may use it, every action audited, the rules it keeps."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import Invitation, User
from accounts.testing import (
    TEST_PASSWORD,
    log_in,
    make_partner_organisation,
    make_user,
    request_user,
)
from audit.models import Entry
from mail.models import OutboxMessage
from mail.testing import deliver_outbox

pytestmark = pytest.mark.django_db

LIST = "/team/konten/"
INVITE = "/team/konten/einladen/"
LINK = re.compile(r"https?://\S+(/konto/passwort-neu/einladung/[\w-]+/)")
PASSWORD = "Ein-gutes-Passwort-2026"


def detail(account):
    return f"/team/konten/{account.pk}/"


def act(client, account, action, **data):
    account.refresh_from_db()
    data.setdefault("version", account.version)
    return client.post(f"/team/konten/{account.pk}/{action}/", data, follow=True)


def actions():
    return [e.action for e in Entry.objects.order_by("id") if not e.action.startswith("account.login")]


def invitation_path(mail_text):
    return LINK.search(mail_text).group(1)


# --- Who may use it ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, expected",
    [
        ("anonymous", "login"),
        ("admin", 200),
        ("team", 403),
        ("trainer_a", 403),
        ("partner_with_names", 403),
        ("partner_without_names", 403),
        ("multiplier", 403),
    ],
)
def test_only_admins_use_the_accounts_page(client, login_as, persona, expected, request):
    other = make_user("team")
    login_as(request.getfixturevalue(persona))
    for path in (LIST, INVITE, detail(other)):
        response = client.get(path)
        got = (
            "login"
            if response.status_code == 302 and "/konto/anmelden/" in response["Location"]
            else response.status_code
        )
        assert got == expected, path
    response = client.post(f"/team/konten/{other.pk}/deaktivieren/", {"version": other.version})
    if expected != 200:
        other.refresh_from_db()
        assert other.is_active


def test_the_menu_shows_konten_to_admins_only(client, login_as, admin, team):
    login_as(admin)
    assert 'href="/team/konten/"' in client.get("/team/").content.decode()
    login_as(team)
    assert 'href="/team/konten/"' not in client.get("/team/").content.decode()


def test_an_unknown_account_is_404(client, login_as, admin):
    login_as(admin)
    assert client.get("/team/konten/999999/").status_code == 404


# --- The list ---------------------------------------------------------------------------------


def test_the_list_shows_name_email_role_status_and_last_login(client, login_as, admin, clock):
    partner = make_user("partner", partner_organisation=make_partner_organisation("Welcome Café Görlitz e.V."))
    deactivated = make_user("trainer", first_name="Dora", last_name="Deaktiv", is_active=False)
    invited = services.invite(actor=admin, email="neu@example.org", role="team", language="de")
    login_as(admin)
    page = client.get(LIST).content.decode()
    assert "neu@example.org" in page and partner.email in page and "Dora Deaktiv" in page
    assert "Partnerorganisation: Welcome Café Görlitz e.V." in page
    rows = set(re.findall(r"<tr>.*?</tr>", page, re.S))
    assert any("neu@example.org" in r and "eingeladen" in r and "noch nie" in r for r in rows)
    assert any("Dora Deaktiv" in r and "deaktiviert" in r for r in rows)
    assert any(admin.email in r and ">aktiv<" in r and "noch nie" not in r for r in rows)  # logged in just now
    assert invited.status == "invited" and deactivated.status == "deactivated"


def test_the_list_needs_the_same_queries_for_one_and_for_many_accounts(client, login_as, admin):
    login_as(admin)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST).status_code == 200
    for n in range(15):
        make_user("partner", partner_organisation=make_partner_organisation(f"Verein {n}"))
        make_user("team")
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).status_code == 200
    assert len(many) == len(few)


# --- Inviting ---------------------------------------------------------------------------------


def test_an_invited_team_member_gets_the_mail_sets_a_password_and_must_set_up_the_second_factor(
    client, login_as, admin, smtp_server
):
    login_as(admin)
    response = client.post(
        INVITE,
        {"first_name": "Tina", "last_name": "Team", "email": "tina@example.org", "role": "team"},
        follow=True,
    )
    assert "Die Einladung ist unterwegs an tina@example.org" in response.content.decode()
    tina = User.objects.get(email="tina@example.org")
    assert tina.role == "team" and tina.status == "invited" and not tina.has_usable_password()
    deliver_outbox()
    (mail,) = smtp_server.messages_to("tina@example.org")
    assert "Ihr Konto bei Support für Initiative" in mail.subject
    assert "72 Stunden und nur einmal" in mail.text
    path = invitation_path(mail.text)
    assert OutboxMessage.objects.get().text == ""  # the link left the outbox with the mail

    visitor = Client()
    form = visitor.get(path).content.decode()
    assert "tina@example.org" in form and 'name="new_password1"' in form
    mismatch = visitor.post(path, {"new_password1": PASSWORD, "new_password2": "anders"})
    assert mismatch.status_code == 200 and "field--error" in mismatch.content.decode()
    weak = visitor.post(path, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "field--error" in weak.content.decode()
    done = visitor.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True)
    assert done.redirect_chain[-1][0] == "/konto/anmelden/"
    tina.refresh_from_db()
    assert tina.status == "active"
    login = visitor.post("/konto/anmelden/", {"username": "tina@example.org", "password": PASSWORD})
    assert "/konto/anmelden/zwei-faktor-einrichten/" in login["Location"]
    assert actions() == ["account.invited", "account.invitation_accepted"]
    entry = Entry.objects.get(action="account.invited")
    assert entry.actor == admin and entry.target_id == str(tina.pk) and entry.details == {"role": "team"}
    assert "tina@example.org" not in str(list(Entry.objects.values()))


def test_a_partner_needs_a_partner_organisation_and_bad_input_keeps_what_was_typed(client, login_as, admin):
    organisation = make_partner_organisation("Arbeitskreis Asyl Pirna")
    login_as(admin)
    typed = {"first_name": "Paula", "last_name": "Partner", "email": "paula@example.org", "role": "partner"}
    response = client.post(INVITE, typed)
    page = response.content.decode()
    assert response.status_code == 200 and "Wählen Sie die Partnerorganisation" in page
    assert 'value="paula@example.org"' in page and 'value="Paula"' in page
    assert not User.objects.filter(email="paula@example.org").exists()
    client.post(INVITE, {**typed, "partner_organisation": organisation.pk})
    paula = User.objects.get(email="paula@example.org")
    assert paula.role == "partner" and paula.partner_organisation == organisation


@pytest.mark.parametrize("role", ["admin", "trainer", "multiplier"])
def test_every_role_can_be_invited(client, login_as, admin, role):
    login_as(admin)
    client.post(INVITE, {"email": f"{role}@example.org", "role": role})
    assert User.objects.get(email=f"{role}@example.org").role == role


def test_an_address_with_an_account_is_refused(client, login_as, admin):
    make_user("team", email="schon@example.org")
    login_as(admin)
    response = client.post(INVITE, {"email": "Schon@Example.org", "role": "team"})
    assert "Für diese Adresse gibt es schon ein Konto" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second writer waiting on the first needs PostgreSQL")
def test_two_admins_inviting_one_address_at_once_make_one_account_and_the_second_is_told_why(client, login_as, admin):
    other_admin = make_user("admin")
    inserted, release = threading.Event(), threading.Event()

    def invite_first():
        try:
            with transaction.atomic():
                services.invite(actor=other_admin, email="zugleich@example.org", role="team", language="de")
                inserted.set()
                release.wait(10)
        finally:
            connections.close_all()

    first = threading.Thread(target=invite_first)
    first.start()
    assert inserted.wait(10)
    login_as(admin)
    answers = []
    # The second invitation passes the form's check (the first is not committed yet) and then waits
    # on the unique address until the first commits.
    second = threading.Thread(
        target=lambda: answers.append(client.post(INVITE, {"email": "zugleich@example.org", "role": "trainer"}))
    )
    second.start()
    second.join(1)
    release.set()
    first.join()
    second.join()
    assert answers[0].status_code == 200
    assert "Für diese Adresse gibt es schon ein Konto" in answers[0].content.decode()
    assert User.objects.get(email="zugleich@example.org").role == "team"
    assert Invitation.objects.count() == 1


def test_archived_partners_are_not_offered_but_an_account_keeps_its_own(client, login_as, admin):
    gone = make_partner_organisation(name="Alte Initiative")
    make_partner_organisation(name="Neue Initiative")
    paula = make_user("partner", partner_organisation=gone)
    type(gone).objects.filter(pk=gone.pk).update(archived=True)
    login_as(admin)
    invite_page = client.get(INVITE).content.decode()
    assert "Neue Initiative" in invite_page and "Alte Initiative" not in invite_page
    own_page = client.get(detail(paula)).content.decode()
    assert "Alte Initiative" in own_page and "Neue Initiative" in own_page


def test_reinvite_sends_a_new_link_and_the_old_one_stops_working(client, login_as, admin):
    login_as(admin)
    client.post(INVITE, {"email": "neu@example.org", "role": "trainer"})
    first = invitation_path(OutboxMessage.objects.get().text)
    invited = User.objects.get(email="neu@example.org")
    response = act(client, invited, "neu-einladen")
    assert "Eine neue Einladung ist unterwegs" in response.content.decode()
    second = invitation_path(OutboxMessage.objects.order_by("id").last().text)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    assert actions() == ["account.invited", "account.reinvited"]


def test_reinvite_is_refused_for_an_account_with_a_password(client, login_as, admin, team):
    login_as(admin)
    response = act(client, team, "neu-einladen")
    assert "hat schon ein Passwort" in response.content.decode()
    assert not Invitation.objects.exists() and actions() == []


# --- Invitation links that do not work -------------------------------------------------------


@pytest.fixture
def invited(admin):
    return services.invite(actor=admin, email="neu@example.org", role="team", language="de")


def sent_path():
    return invitation_path(OutboxMessage.objects.order_by("id").last().text)


def assert_offers_nothing(response, status, text):
    page = response.content.decode()
    main = page.split('<main id="main"', 1)[1]
    assert response.status_code == status and text in main
    assert "<form" not in main and "new_password" not in main


def test_a_tampered_link_says_so_and_offers_nothing(client, invited):
    path = sent_path()
    tampered = path[:-3] + ("A" if path[-3] != "A" else "B") + path[-2:]
    assert_offers_nothing(client.get(tampered), 404, "Dieser Link ist ungültig")
    assert_offers_nothing(
        client.post(tampered, {"new_password1": PASSWORD, "new_password2": PASSWORD}), 404, "ungültig"
    )
    assert_offers_nothing(client.get("/konto/passwort-neu/einladung/x/"), 404, "ungültig")
    invited.refresh_from_db()
    assert not invited.has_usable_password()


def test_a_used_link_says_so_and_offers_nothing(client, invited):
    path = sent_path()
    client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert_offers_nothing(client.get(path), 410, "Dieser Link wurde schon benutzt")
    again = client.post(path, {"new_password1": "Noch-ein-Passwort-2026", "new_password2": "Noch-ein-Passwort-2026"})
    assert_offers_nothing(again, 410, "schon benutzt")
    invited.refresh_from_db()
    assert invited.check_password(PASSWORD)


def test_an_expired_link_says_so_and_offers_nothing(client, invited, clock, settings):
    path = sent_path()
    clock.shift(timedelta(hours=settings.ACCOUNT_INVITATION_HOURS) - timedelta(minutes=1))
    assert client.get(path).status_code == 200
    clock.shift(timedelta(minutes=2))
    assert_offers_nothing(client.get(path), 410, "Dieser Link ist abgelaufen")


def test_the_link_of_a_deactivated_account_does_not_work(client, login_as, admin, invited):
    path = sent_path()
    login_as(admin)
    act(client, invited, "deaktivieren")
    assert_offers_nothing(Client().get(path), 404, "ungültig")


# --- Role, deactivation, second factor ---------------------------------------------------------


def test_change_role_is_audited_and_a_partner_needs_an_organisation(client, login_as, admin, trainer_a):
    organisation = make_partner_organisation("Welcome Café Görlitz e.V.")
    login_as(admin)
    refused = act(client, trainer_a, "rolle", role="partner")
    assert refused.status_code == 200 and "Wählen Sie die Partnerorganisation" in refused.content.decode()
    done = act(client, trainer_a, "rolle", role="partner", partner_organisation=organisation.pk)
    assert "Die Rolle ist geändert" in done.content.decode()
    trainer_a.refresh_from_db()
    assert trainer_a.role == "partner" and trainer_a.partner_organisation == organisation
    act(client, trainer_a, "rolle", role="team", partner_organisation=organisation.pk)
    trainer_a.refresh_from_db()
    assert trainer_a.role == "team" and trainer_a.partner_organisation is None
    entries = Entry.objects.filter(action="account.role_changed").order_by("id")
    assert [e.details for e in entries] == [
        {"from": "trainer", "to": "partner", "partner_organisation": organisation.pk},
        {"from": "partner", "to": "team"},
    ]


def test_a_deactivated_account_cannot_log_in_and_its_session_ends(client, login_as, admin, team):
    own = log_in(Client(), team)
    assert own.get("/team/").status_code == 200
    login_as(admin)
    response = act(client, team, "deaktivieren")
    assert "Das Konto ist deaktiviert" in response.content.decode()
    assert own.get("/team/").status_code == 302  # the running session ended
    assert not request_user(own).is_authenticated
    refused = Client().post("/konto/anmelden/", {"username": team.email, "password": TEST_PASSWORD})
    assert refused.status_code == 200 and "_auth_user_id" not in refused.client.session
    act(client, team, "reaktivieren")
    team.refresh_from_db()
    assert team.is_active
    assert actions() == ["account.deactivated", "account.reactivated"]


def test_reset_second_factor_deletes_app_and_codes_tells_the_person_and_asks_for_a_new_set_up(
    client, login_as, admin, team, smtp_server
):
    own = log_in(Client(), team)
    services.create_recovery_codes(user=team)
    assert own.get("/team/").status_code == 200
    login_as(admin)
    assert "Zweiten Faktor zurücksetzen" in client.get(detail(team)).content.decode()
    response = act(client, team, "zweiten-faktor-zuruecksetzen")
    assert "Der zweite Faktor ist zurückgesetzt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=team).exists() and not StaticDevice.objects.filter(user=team).exists()
    assert own.get("/team/").status_code == 302  # the session confirmed with the old app ends
    login = Client().post("/konto/anmelden/", {"username": team.email, "password": TEST_PASSWORD})
    assert "/konto/anmelden/zwei-faktor-einrichten/" in login["Location"]
    deliver_outbox()
    (mail,) = smtp_server.messages_to(team.email)
    assert "zweiter Faktor wurde zurückgesetzt" in mail.subject and "/konto/anmelden/" in mail.text
    assert "account.second_factor_reset" in actions()
    assert Entry.objects.get(action="account.second_factor_reset").actor == admin


# --- The last admin -------------------------------------------------------------------------------


def test_the_last_active_admin_can_be_neither_deactivated_nor_demoted(client, login_as, admin):
    make_user("admin", is_active=False)  # does not count
    invited_admin = services.invite(actor=admin, email="neu@example.org", role="admin", language="de")
    assert invited_admin.status == "invited"  # cannot log in yet: does not count either
    login_as(admin)
    for response in (act(client, admin, "deaktivieren"), act(client, admin, "rolle", role="team")):
        assert "Das ist das letzte aktive Administrationskonto" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and admin.role == "admin"
    assert [a for a in actions() if a != "account.invited"] == []


def test_two_sequential_removals_of_the_last_two_admins_leave_one(client, login_as, admin):
    second = make_user("admin")
    login_as(admin)
    act(client, second, "deaktivieren")
    refused = act(client, admin, "rolle", role="team")
    assert "letzte aktive Administrationskonto" in refused.content.decode()
    assert list(services.active_admins()) == [admin]


def test_a_superuser_counts_as_admin(client, login_as, admin):
    superuser = make_user("team", is_superuser=True, is_staff=True)
    login_as(admin)
    act(client, admin, "rolle", role="team")
    admin.refresh_from_db()
    assert admin.role == "team"
    assert list(services.active_admins()) == [superuser]
    as_superuser = log_in(Client(), superuser)
    assert "letzte aktive Administrationskonto" in act(as_superuser, superuser, "deaktivieren").content.decode()
    superuser.refresh_from_db()
    assert superuser.is_active


# --- Two admins at once ---------------------------------------------------------------------------


def test_two_admins_changing_the_same_account_do_not_overwrite_each_other(client, login_as, admin, trainer_a):
    second_admin = log_in(Client(), make_user("admin"))
    login_as(admin)
    shown = trainer_a.version  # both pages show the same version
    second_admin.post(f"/team/konten/{trainer_a.pk}/rolle/", {"role": "team", "version": shown})
    response = client.post(f"/team/konten/{trainer_a.pk}/rolle/", {"role": "multiplier", "version": shown}, follow=True)
    assert "Jemand anderes hat dieses Konto gerade geändert" in response.content.decode()
    trainer_a.refresh_from_db()
    assert trainer_a.role == "team"
    stale = client.post(f"/team/konten/{trainer_a.pk}/deaktivieren/", {"version": shown}, follow=True)
    assert "Jemand anderes" in stale.content.decode()
    trainer_a.refresh_from_db()
    assert trainer_a.is_active
    assert [e.action for e in Entry.objects.filter(action__startswith="account.role")] == ["account.role_changed"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locks need PostgreSQL")
def test_two_admins_removing_each_other_at_the_same_moment_leave_one():
    first, second = make_user("admin"), make_user("admin")
    barrier = threading.Barrier(2)
    refused, errors = [], []

    def remove(actor, target):
        try:
            barrier.wait()
            services.deactivate(actor=actor, user=target, expected_version=target.version)
        except services.LastAdminError:
            refused.append(target.pk)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=remove, args=pair) for pair in ((first, second), (second, first))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(refused) == 1
    assert services.active_admins().count() == 1
