from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.testing import make_user
from audit.models import Entry
from audit.services import record
from events.testing import make_event

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def test_record_stores_ids_and_the_role_at_the_time(team):
    event = make_event()
    entry = record(actor=team, action="participants.viewed", target=event, details={"count": 3})
    team.role = "admin"
    team.save()
    entry.refresh_from_db()
    assert (entry.actor, entry.actor_role, entry.target_type, entry.target_id) == (
        team,
        "team",
        "events.event",
        str(event.pk),
    )
    assert entry.details == {"count": 3}


def test_a_superuser_acts_and_is_recorded_as_admin_whatever_its_role_field_says():
    superuser = make_user("trainer", is_superuser=True)
    entry = record(actor=superuser, action="event.changed", target=None)
    assert entry.actor_role == "admin"


def test_record_refuses_personal_data_in_details():
    with pytest.raises(ValueError):
        record(actor=None, action="participants.exported", target=None, details={"to": "someone@example.org"})
    with pytest.raises(ValueError):
        record(actor=None, action="participants.viewed", target=None, details={"note": "x" * 200})


def test_only_admins_browse_the_log_and_can_filter_it(client, admin, team, login_as):
    event = make_event()
    record(actor=team, action="event.changed", target=event)
    old = record(actor=admin, action="event.published", target=event)
    Entry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))

    login_as(team)
    assert client.get("/team/protokoll/").status_code == 403

    login_as(admin)
    html = client.get("/team/protokoll/").content.decode()
    assert "2 Einträge" in html and "Personenbezogene Daten" in html
    by_actor = client.get(f"/team/protokoll/?konto={team.pk}").content.decode()
    assert "1 Eintrag" in by_actor and "Veranstaltung geändert" in by_actor
    by_action = client.get("/team/protokoll/?aktion=event.published").content.decode()
    assert "1 Eintrag" in by_action and "Veranstaltung veröffentlicht" in by_action
    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    by_date = client.get(f"/team/protokoll/?von={since}").content.decode()
    assert "1 Eintrag" in by_date and "Veranstaltung geändert" in by_date
    bad = client.get("/team/protokoll/?von=gestern&konto=999999").content.decode()
    assert "Geben Sie das Datum als TT.MM.JJJJ ein." in bad and "Dieses Konto gibt es nicht" in bad


def test_log_pages(client, admin, login_as):
    login_as(admin)
    for _ in range(60):
        record(actor=admin, action="event.changed", target=None)
    first = client.get("/team/protokoll/").content.decode()
    assert "Seite 1 von 2" in first
    second = client.get("/team/protokoll/?seite=2").content.decode()
    assert "Seite 2 von 2" in second
    filtered = client.get("/team/protokoll/?aktion=event.changed").content.decode()
    assert 'href="?aktion=event.changed&amp;seite=2" rel="next"' in filtered  # paging keeps the filter
