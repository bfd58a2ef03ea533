"""A multiplier's personal data: found, exported and erased by e-mail address through privacy's
tools (profile, listing, relay metadata, who kept which log entry), and the retention rules for
relay metadata and the profiles of deactivated accounts; the log's numbers survive both."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import User
from events.testing import make_language, make_topic
from multipliers.models import Consultation, ContactNote, Multiplier
from multipliers.queries import log_totals
from multipliers.testing import make_multiplier
from privacy import rights
from privacy.retention import apply_retention
from regions.testing import municipality

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def _entry(user):
    goerlitz = municipality("Görlitz")
    entry = Consultation.objects.create(
        multiplier=user,
        month=timezone.localdate().replace(day=1),
        district_id=goerlitz.district_id,
        municipality=goerlitz,
        advised="volunteer",
        other_agency="Beratungsstelle Ost",
        duration="30",
    )
    entry.topics.set([make_topic()])
    return entry


def test_privacy_tools_find_export_and_erase_a_multiplier_s_data(client):
    profile = make_multiplier(
        name="Mira B.", email="Mira.Privat@example.org", topics=[make_topic()], languages=[make_language()]
    )
    ContactNote.objects.create(multiplier=profile, address_shared=True)
    entry = _entry(profile.user)
    other = make_multiplier(name="Bleibt B.")
    _entry(other.user)

    data = rights.export_data(rights.find_person("mira.privat@example.org"))
    exported = data["multiplikatorinnen"]
    assert [item["art"] for item in exported] == ["profil", "beratung"]
    assert exported[0]["anzeigename"] == "Mira B." and exported[0]["gemeinde"] == "Görlitz"
    assert exported[0]["themen"] == "Asylverfahren" and exported[0]["oeffentlich_gelistet"] is True
    assert len(exported[0]["nachrichten_ueber_die_plattform"]) == 1
    assert exported[1]["fachstelle"] == "Beratungsstelle Ost"
    assert "Bleibt B." not in str(data)

    totals = log_totals()["total"]
    erasure = rights.erase_person(email="mira.privat@example.org")
    assert erasure.anonymised == 2
    assert not Multiplier.objects.filter(pk=profile.pk).exists()
    assert not ContactNote.objects.exists()
    entry.refresh_from_db()
    assert entry.multiplier is None and log_totals()["total"] == totals == 2
    assert not rights.find_person("mira.privat@example.org")
    assert "Mira B." not in client.get("/multiplikatorinnen/").content.decode()
    assert client.get(profile.get_absolute_url()).status_code == 404
    assert Multiplier.objects.filter(pk=other.pk).exists()


def test_relay_metadata_goes_after_its_period(clock, settings):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "multiplier_contact_months": 12}
    profile = make_multiplier(name="Mira B.")
    old = ContactNote.objects.create(multiplier=profile, sent_at=timezone.now() - timedelta(days=380))
    recent = ContactNote.objects.create(multiplier=profile, sent_at=timezone.now() - timedelta(days=300))
    apply_retention()
    assert list(ContactNote.objects.all()) == [recent]
    assert old.pk not in ContactNote.objects.values_list("pk", flat=True)


def test_a_deactivated_multiplier_s_profile_goes_after_its_period_the_numbers_stay(clock, settings):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "multiplier_inactive_months": 6}
    gone = make_multiplier(name="Weg W.")
    active = make_multiplier(name="Aktiv A.")
    User.objects.filter(pk__in=[gone.user_id, active.user_id]).update(last_login=timezone.now())
    User.objects.filter(pk=gone.user_id).update(is_active=False)
    entry = _entry(gone.user)

    clock.shift(timedelta(days=150))
    apply_retention()
    assert Multiplier.objects.filter(pk=gone.pk).exists()  # not yet

    clock.shift(timedelta(days=40))
    apply_retention()
    assert list(Multiplier.objects.all()) == [active]
    entry.refresh_from_db()
    assert entry.multiplier is None and log_totals()["total"] == 1
