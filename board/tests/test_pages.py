"""The public list, its filters and feed with fixed query counts; the moderation pages by persona;
privacy's access and erasure over the board's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import Entry
from board.models import Post
from board.personal_data import erase, export, records_of
from board.testing import make_alert, make_post
from network.testing import make_initiative

pytestmark = pytest.mark.django_db

PLACES = ["Bautzen", "Kamenz", "Görlitz", "Pirna", "Dresden", "Leipzig", "Hoyerswerda", "Zittau"]


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/suche-biete/",
        "/suche-biete/?ort=Bautzen&umkreis=50&art=need&kategorie=interpreting",
        "/suche-biete/?kreis=bautzen&q=Termine",
        "/suche-biete/feed.atom",
        "/team/suche-biete/",
        "/team/suche-biete/?liste=published",
    ],
)
def test_query_count_does_not_grow_with_posts(client, url, team, login_as):
    initiative = make_initiative(name="Willkommen in Bautzen", place="Bautzen")
    if url.startswith("/team/"):
        login_as(team)
    status = "pending" if url == "/team/suche-biete/" else "published"
    make_post(place="Bautzen", status=status, poster="initiative", initiative=initiative)
    client.get(url)  # warm the municipality index cache
    one = _queries(client, url)
    for n in range(30):
        make_post(
            place=PLACES[n % len(PLACES)], status=status, poster=["initiative", "private"][n % 2], initiative=initiative
        )
    assert _queries(client, url) == one


def test_filters_find_by_place_radius_category_and_kind(client):
    make_post(title="Dolmetschen Kamenz", place="Kamenz", kind="need", category="interpreting")
    make_post(title="Raum in Leipzig", place="Leipzig", kind="offer", category="rooms")
    make_post(title="Fahrten Bautzen", place="Bautzen", kind="offer", category="transport")

    near = client.get("/suche-biete/?ort=Bautzen&umkreis=30").content.decode()
    assert "Dolmetschen Kamenz" in near and "Fahrten Bautzen" in near and "Raum in Leipzig" not in near
    assert "bis 30 km um Bautzen" in near
    offers = client.get("/suche-biete/?art=offer&kategorie=rooms").content.decode()
    assert "Raum in Leipzig" in offers and "Fahrten Bautzen" not in offers
    junk = client.get("/suche-biete/?ort=Nirgendwo&umkreis=abc&art=x&kategorie=x&kreis=x&seite=99")
    assert junk.status_code == 200 and "ungültigen Wert" in junk.content.decode()


def test_list_pages_twenty_at_a_time(client):
    for n in range(25):
        make_post(title=f"Angebot {n:02d}")
    first = client.get("/suche-biete/").content.decode()
    assert "25 Beiträge gefunden" in first and first.count('class="card"') == 20
    assert client.get("/suche-biete/?seite=2").content.decode().count('class="card"') == 5


def test_a_private_person_appears_by_first_name_or_not_at_all(client):
    named = make_post(title="Biete Nachhilfe", first_name="Jana", email="jana.nachname@example.org")
    nameless = make_post(title="Biete Kinderwagen", first_name="")
    page = client.get(named.get_absolute_url()).content.decode()
    assert "Jana" in page and "nachname" not in page
    assert "eine Privatperson" in client.get(nameless.get_absolute_url()).content.decode()


@pytest.mark.parametrize("persona", ["admin", "team"])
def test_admin_and_team_moderate(client, persona, request, login_as):
    post = make_post(status="pending", title="Suche Räume", email="geheim@example.org")
    login_as(request.getfixturevalue(persona))
    queue = client.get("/team/suche-biete/").content.decode()
    assert "Suche Räume" in queue and "geheim@example.org" in queue
    assert "Freigeben" in client.get(f"/team/suche-biete/{post.pk}/").content.decode()
    assert Entry.objects.filter(action="board.queue_viewed").exists()
    assert Entry.objects.filter(action="board.post_viewed", target_id=str(post.pk)).exists()


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_other_roles_are_refused(client, persona, request, login_as):
    post = make_post(status="pending")
    login_as(request.getfixturevalue(persona))
    assert client.get("/team/suche-biete/").status_code == 403
    assert client.get(f"/team/suche-biete/{post.pk}/").status_code == 403
    assert client.post(f"/team/suche-biete/{post.pk}/", {"action": "approve", "version": 1}).status_code == 403
    post.refresh_from_db()
    assert post.status == "pending"


def test_anonymous_gets_the_login_page(client):
    response = client.get("/team/suche-biete/")
    assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")


def test_dashboard_shows_posts_to_review(client, team, login_as):
    make_post(status="pending")
    login_as(team)
    assert "1 Beitrag bei Suche/Biete prüfen" in client.get("/team/").content.decode()


def test_personal_data_is_found_exported_and_erased():
    post = make_post(email="Person@Example.org", title="Biete Fahrrad")
    make_alert(email="person@example.org")
    make_post(email="andere@example.org")
    records = records_of("person@example.org")
    assert len(records) == 2
    rows = export(records, now=timezone.now())
    assert {row["art"] for row in rows} == {"beitrag", "benachrichtigung"} and rows[0][
        "ueberschrift"
    ] == "Biete Fahrrad"
    counts = erase(records, now=timezone.now())
    assert counts["anonymised"] == 1 and counts["cancelled"] == 2
    assert records_of("person@example.org") == []
    assert Post.objects.get(pk=post.pk).status == "withdrawn"
