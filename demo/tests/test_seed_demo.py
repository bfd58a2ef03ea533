"""The demo a newcomer sees after bin/run: every district has offers, the seed's training is there."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.test import Client

from events.models import Event
from regions.models import District

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


@pytest.fixture
def demo(settings, tmp_path):
    settings.REIMBURSEMENT_RECEIPTS_ROOT = tmp_path / "receipts"  # the demo's fictional receipts
    call_command("seed_demo", verbosity=0)


def test_every_district_has_upcoming_offers_and_there_is_an_archive(demo):
    upcoming = Event.objects.listed().upcoming().exclude(status=Event.Status.DRAFT)
    assert 55 <= upcoming.count() <= 80
    assert Event.objects.listed().past().count() >= 200
    districts_with_offers = set(upcoming.values_list("venue__municipality__district", flat=True))
    assert districts_with_offers == set(District.objects.values_list("id", flat=True))


def test_the_seeds_bad_schandau_training_is_modelled(demo):
    event = Event.objects.get(slug="unterstuetzer-innenschulung-bad-schandau-2016-02-27")
    berlin = ZoneInfo("Europe/Berlin")
    assert event.start == datetime(2016, 2, 27, 10, tzinfo=berlin)
    assert event.end == datetime(2016, 2, 27, 17, tzinfo=berlin)
    assert event.registration_deadline.astimezone(berlin).date().isoformat() == "2016-02-23"
    assert event.costs == 0 and event.partners.count() == 3 and event.agenda.count() >= 5
    assert event.venue.municipality.name == "Bad Schandau"


def test_the_next_offers_are_open_for_registration(demo):
    body = Client().get("/veranstaltungen/").content.decode()
    first = Event.objects.listed().upcoming().filter(status=Event.Status.PUBLISHED).order_by("start").first()
    assert first.title in body
    form = Client().get(f"/veranstaltungen/{first.slug}/anmelden/").content.decode()
    assert "Anmeldeschluss ist vorbei" not in form
    assert 'name="email"' in form


def test_no_real_persons_contact_data_in_the_demo(demo):
    from registrations.models import Registration

    emails = set(Registration.objects.values_list("email", flat=True))
    assert emails and all(e.endswith("@example.org") or e == "" for e in emails)


def test_the_demo_mails_nobody_and_what_the_user_does_afterwards_is_mailed(
    smtp_server, django_capture_on_commit_callbacks
):
    import secrets

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from mail.models import OutboxMessage
    from mail.testing import deliver_outbox
    from privacy.consent import Consent
    from registrations import services
    from registrations.models import Booking, Registration

    with django_capture_on_commit_callbacks(execute=True):  # as if seed_demo's transaction committed
        call_command("seed_demo", verbosity=0)

    # The demo people registered through the real services: places, waiting list, confirmations …
    assert Registration.objects.filter(email__startswith="demo.").count() > 30
    assert Booking.objects.filter(status=Booking.Status.WAITING).exists()
    # … but none of the mails to their fictional addresses was kept or is waiting to be sent.
    assert not OutboxMessage.objects.exists()
    assert not DBTaskResult.objects.filter(task_path="mail.tasks.send_outbox_message").exists()
    deliver_outbox()
    assert smtp_server.messages == []

    # Registering afterwards (what a newcomer tries first) sends its mail as usual.
    event = Event.objects.listed().upcoming().filter(status=Event.Status.PUBLISHED, capacity__gt=20).first()
    person = {"name": "Erika Neu", "email": "erika.neu@example.org", "role": "volunteer"}
    services.register(
        event=event,
        person=person,
        consent=Consent(None, timezone.now()),
        submission_key=secrets.token_urlsafe(24),
        language="de",
    )
    deliver_outbox()
    assert [mail.rcpt_tos for mail in smtp_server.messages] == [["erika.neu@example.org"]]


def test_the_team_login_has_an_api_token_and_a_webhook_with_a_log(demo):
    from api.models import ApiToken
    from webhooks.models import Delivery

    assert ApiToken.objects.filter(user__email="team@example.org").count() == 1
    assert not Delivery.objects.filter(status__in=["pending", "sending"]).exists()
    assert Delivery.objects.filter(subscription__user__email="team@example.org").count() == 3


def test_the_fachtag_in_dresden_has_parallel_workshops_some_full_with_waiting_lists(demo):
    from conferences.models import Choice, Session
    from conferences.queries import figures

    event = Event.objects.get(slug="fachtag-flucht-und-asyl-dresden")
    assert event.venue.municipality.name == "Dresden"
    workshops = list(Session.objects.filter(conference__event=event, kind="workshop"))
    assert len(workshops) == 12
    counts = figures(workshops)
    assert all(c.places is None or c.placed <= c.places for c in counts.values())
    assert sum(1 for c in counts.values() if c.waiting) >= 2
    assert Choice.objects.filter(got_second_choice=True, session__conference__event=event).exists()
    assert "Workshop" in Client().get(f"/veranstaltungen/{event.slug}/anmelden/").content.decode()


def test_last_years_fachtag_has_travel_cost_requests_in_every_state(demo):
    from conferences.models import Reimbursement

    states = set(Reimbursement.objects.values_list("status", flat=True))
    assert states == {"submitted", "approved", "partly", "rejected", "exported", "paid"}
