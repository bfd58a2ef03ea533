"""The anonymous consultation log: categories only, one's own entries only (others are a 404), the
own CSV export, and the team's totals; every persona on every page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from accounts.testing import make_user
from directory.testing import make_agency
from events.testing import make_topic
from multipliers.forms import ConsultationForm
from multipliers.models import Consultation
from regions.models import District
from regions.testing import municipality

pytestmark = [pytest.mark.django_db, pytest.mark.clock]

LOG = "/multiplikator/beratungen/"


def _form(**changes):
    goerlitz = municipality("Görlitz")
    agency = make_agency(place="Görlitz").organization
    data = {
        "month": timezone.localdate().strftime("%Y-%m"),
        "district": goerlitz.district_id,
        "place": "Görlitz",
        "topics": [make_topic().pk],
        "advised": "volunteer",
        "agency": agency.pk,
        "other_agency": "",
        "duration": "30",
    }
    data.update(changes)
    return data


def _entry(user, **fields):
    district = municipality("Görlitz").district
    entry = Consultation.objects.create(
        multiplier=user,
        month=timezone.localdate().replace(day=1),
        district=district,
        advised="refugee",
        duration="15",
        **fields,
    )
    entry.topics.set([make_topic()])
    return entry


def test_a_multiplier_logs_a_consultation_in_one_form(client, multiplier, login_as):
    login_as(multiplier)
    assert client.get(LOG).status_code == 200
    response = client.post(LOG, _form(), follow=True)
    assert "Die Beratung ist eingetragen." in response.content.decode()
    (entry,) = Consultation.objects.all()
    assert entry.multiplier == multiplier and entry.municipality.name == "Görlitz" and entry.month.day == 1
    assert "Beratungsverein" in response.content.decode()


def test_the_log_has_no_place_for_a_name():
    assert set(ConsultationForm().fields) == {
        "month",
        "district",
        "place",
        "topics",
        "advised",
        "agency",
        "other_agency",
        "duration",
    }
    names = {f.name for f in Consultation._meta.get_fields()}
    assert not names & {"name", "person", "email", "phone", "note", "notes", "text", "comment"}


@pytest.mark.parametrize("typed", ["Frau Meier, meier@example.org", "Herr X 0351 1234567"])
def test_contact_details_in_the_agency_text_are_refused(client, multiplier, login_as, typed):
    login_as(multiplier)
    response = client.post(LOG, _form(agency="", other_agency=typed))
    assert response.status_code == 200
    assert "ohne E-Mail-Adresse oder Telefonnummer" in response.content.decode()
    assert typed in response.content.decode()  # what was typed is kept for correcting
    assert not Consultation.objects.exists()


def test_a_place_outside_the_district_is_refused(client, multiplier, login_as):
    login_as(multiplier)
    other = District.objects.exclude(pk=municipality("Görlitz").district_id).first()
    response = client.post(LOG, _form(district=other.pk))
    assert "Diese Gemeinde kennen wir im gewählten Landkreis nicht" in response.content.decode()


def test_multiplier_a_cannot_see_or_delete_b_s_entries(client, multiplier, login_as):
    other = make_user(User.Role.MULTIPLIER)
    theirs = _entry(other, other_agency="Fachstelle B")
    mine = _entry(multiplier, other_agency="Fachstelle A")
    login_as(multiplier)
    page = client.get(LOG).content.decode()
    assert "Fachstelle A" in page and "Fachstelle B" not in page
    assert client.get(f"{LOG}{theirs.pk}/loeschen/").status_code == 404
    assert client.post(f"{LOG}{theirs.pk}/loeschen/").status_code == 404
    csv = client.get("/multiplikator/beratungen.csv").content.decode("utf-8-sig")
    assert "Fachstelle A" in csv and "Fachstelle B" not in csv
    assert client.post(f"{LOG}{mine.pk}/loeschen/").status_code == 302
    assert list(Consultation.objects.all()) == [theirs]


@pytest.mark.parametrize("persona", ["anonymous", "admin", "team", "trainer_a", "partner_with_names", "multiplier"])
def test_personas_on_the_log_and_the_totals(client, login_as, persona, request):
    user = request.getfixturevalue(persona)
    login_as(user)
    log = client.get(LOG).status_code
    totals = client.get("/team/beratungen/").status_code
    if persona == "anonymous":
        assert log == totals == 302
    elif persona == "multiplier":
        assert (log, totals) == (200, 403)
    elif persona in ("admin", "team"):
        assert (log, totals) == (403, 200)
    else:
        assert (log, totals) == (403, 403)


def test_team_totals_count_per_district_topic_agency_and_group(client, team, login_as, multiplier):
    agency = make_agency(place="Görlitz").organization
    for _n in range(3):
        _entry(multiplier, agency=agency)
    _entry(multiplier, other_agency="Kleine Fachstelle")
    login_as(team)
    page = client.get("/team/beratungen/").content.decode()
    assert "4 Beratungen" in page and agency.name in page and "Geflüchtete Person" in page
    assert "Kleine Fachstelle" not in page  # free text is counted, never shown to the team


def test_the_own_list_costs_the_same_queries_for_few_and_many_entries(client, multiplier, login_as):
    login_as(multiplier)
    _entry(multiplier)
    with CaptureQueriesContext(connection) as few:
        client.get(LOG)
    for _n in range(20):
        _entry(multiplier)
    with CaptureQueriesContext(connection) as many:
        client.get(LOG)
    assert len(few) == len(many)
