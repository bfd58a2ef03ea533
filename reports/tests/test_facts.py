"""The facts reports keep per registration: filled by registrations' hook, kept by anonymisation,
the pseudonym deleted only when the person asks for erasure of everything."""

import hashlib
import hmac
import importlib
from datetime import UTC, datetime, timedelta

import pytest
from django.apps import apps

from events.testing import make_event
from privacy.retention import apply_retention
from privacy.rights import erase_person
from registrations.models import Registration
from registrations.testing import register
from reports.models import RegistrationFacts
from reports.pseudonyms import pseudonym

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

NOW = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def event_at(days_before_now, **fields):
    start = NOW - timedelta(days=days_before_now)
    return make_event(
        start=start, end=start + timedelta(hours=6), registration_deadline=start - timedelta(days=2), **fields
    )


def test_the_pseudonym_is_a_keyed_hmac_of_the_normalised_address(settings):
    settings.REPORTS_PSEUDONYM_KEY = "ein-geheimer-schluessel"
    expected = hmac.new(b"ein-geheimer-schluessel", b"anna@example.org", hashlib.sha256).hexdigest()
    assert pseudonym(" Anna@Example.ORG ") == expected
    assert pseudonym("anna@example.org") != hashlib.sha256(b"anna@example.org").hexdigest()  # not guessable
    settings.REPORTS_PSEUDONYM_KEY = "ein-anderer-schluessel"
    assert pseudonym("anna@example.org") != expected
    assert pseudonym("") == "" and pseudonym("anonym-1@anonymised.invalid") == ""


def test_without_a_configured_key_one_is_derived_from_the_secret_key(settings):
    settings.REPORTS_PSEUDONYM_KEY = ""
    first = pseudonym("anna@example.org")
    settings.SECRET_KEY = "a-different-secret-key-for-this-test"
    assert pseudonym("anna@example.org") != first and len(first) == 64


def test_registering_records_the_pseudonym_and_whether_the_place_had_to_wait():
    full = event_at(-30, capacity=1)
    first = register(full, email="Anna@example.org")
    waiting = register(full, email="bert@example.org")
    again = register(event_at(-60), email="anna@example.org")

    facts = {f.registration_id: f for f in RegistrationFacts.objects.all()}
    assert facts[first.pk].pseudonym == facts[again.pk].pseudonym == pseudonym("anna@example.org")
    assert facts[waiting.pk].pseudonym == pseudonym("bert@example.org")
    assert (facts[first.pk].waited, facts[waiting.pk].waited, facts[again.pk].waited) == (False, True, False)
    assert "anna" not in facts[first.pk].pseudonym


def test_anonymisation_keeps_the_pseudonym_erasure_of_everything_deletes_it():
    old = register(event_at(500), email="anna@example.org", attended=True)
    other = register(event_at(400), email="bert@example.org", attended=True)
    key = pseudonym("anna@example.org")

    apply_retention(now=NOW)
    old.refresh_from_db()
    assert old.email.endswith(".invalid")  # anonymised …
    assert RegistrationFacts.objects.get(registration=old).pseudonym == key  # … still counted once

    newer = register(event_at(-20), email="anna@example.org")
    erase_person(email="ANNA@example.org", now=NOW)
    assert not RegistrationFacts.objects.filter(pseudonym=key).exists()
    assert RegistrationFacts.objects.get(registration=newer).pseudonym == ""
    assert RegistrationFacts.objects.get(registration=other).pseudonym == pseudonym("bert@example.org")


def test_the_data_migration_fills_the_facts_of_earlier_registrations():
    full = event_at(-30, capacity=1)
    placed = register(full, email="anna@example.org")
    waiting = register(full, email="bert@example.org")
    RegistrationFacts.objects.all().delete()
    Registration.objects.filter(pk=placed.pk).update(email="anonym-1@anonymised.invalid")

    migration = importlib.import_module("reports.migrations.0002_facts_of_existing_registrations")
    migration.fill(apps, None)
    migration.fill(apps, None)  # running again changes nothing

    facts = {f.registration_id: f for f in RegistrationFacts.objects.all()}
    assert len(facts) == 2
    assert (facts[placed.pk].pseudonym, facts[placed.pk].waited) == ("", False)
    assert (facts[waiting.pk].pseudonym, facts[waiting.pk].waited) == (pseudonym("bert@example.org"), True)


def test_walk_ins_get_their_facts_at_once(team):
    from participants.services import add_walk_in

    register(event_at(-10), email="anna@example.org")
    person = {"name": "Anna", "email": "anna@example.org", "role": "volunteer"}
    walk_in = add_walk_in(actor=team, event=event_at(-20), person=person)
    facts = RegistrationFacts.objects.get(registration__bookings=walk_in)
    assert facts.pseudonym == pseudonym("anna@example.org") and not facts.waited


def test_rows_made_without_the_hook_get_their_facts_from_the_periodic_job(team):
    from reports.tasks import record_missing_facts

    registration = register(event_at(-10), email="anna@example.org")
    RegistrationFacts.objects.filter(registration=registration).delete()  # as if made before this app
    assert record_missing_facts.call() == 1
    assert record_missing_facts.call() == 0
    facts = RegistrationFacts.objects.get(registration=registration)
    assert facts.pseudonym == pseudonym("anna@example.org") and not facts.waited


def test_the_facts_are_written_again_when_the_hook_runs_twice():
    from reports.services import record_registration

    registration = register(event_at(-10), email="anna@example.org")
    RegistrationFacts.objects.filter(registration=registration).update(pseudonym="", waited=True)
    record_registration(registration=registration, bookings=list(registration.bookings.all()))
    facts = RegistrationFacts.objects.get(registration=registration)
    assert facts.pseudonym == pseudonym("anna@example.org") and not facts.waited
    assert RegistrationFacts.objects.count() == 1
