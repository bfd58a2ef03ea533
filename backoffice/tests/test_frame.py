"""The back office is a frame: menu, dashboard sections and event-page links come from what each
app declares (core.registry); the rendered pages are the same as when the frame listed them."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

from accounts.testing import log_in, make_user
from events.testing import make_event
from feedback.models import Answer, Survey
from participants import services as participants
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="bo-nav".*?</nav>', re.S)


def menu(page):
    return re.findall(r"<li><a href=\"([^\"]+)\"[^>]*>([^<]+)</a></li>", NAV.search(page).group(0))


def test_the_menu_in_its_order_for_each_role(client, admin, team, trainer_a, partner_without_names, login_as):
    every = [
        ("/team/", "Dashboard"),
        ("/team/veranstaltungen/", "Veranstaltungen"),
        ("/team/anfragen/", "Anfragen"),
        ("/team/orte/", "Orte"),
        ("/team/stammdaten/", "Stammdaten"),
        ("/team/wegweiser/", "Wegweiser"),
        ("/team/suche-biete/", "Suche/Biete"),
        ("/team/wissen/", "Wissen"),
        ("/team/feedback/", "Feedback"),
        ("/team/berichte/", "Berichte"),
        ("/team/protokoll/", "Protokoll"),
        ("/team/newsletter/", "Newsletter"),
        ("/team/datenschutz/anfragen/", "Datenschutz"),
        ("/team/beratungen/", "Beratungen"),
        ("/team/konten/", "Konten"),
        ("/team/api-tokens/", "API-Tokens"),
        ("/team/webhooks/", "Webhooks"),
        ("/konto/", "Mein Konto"),
    ]
    login_as(admin)
    assert menu(client.get("/team/").content.decode()) == every
    login_as(team)
    assert menu(client.get("/team/").content.decode()) == [
        item for item in every if item[1] not in ("Protokoll", "Konten")
    ]
    login_as(trainer_a)
    own = every[-3:]  # API tokens, webhooks, the account: every account's own
    assert menu(client.get("/team/").content.decode()) == [every[0], every[1], *own]
    login_as(partner_without_names)
    assert menu(client.get("/team/").content.decode()) == [
        every[0], every[1], ("/team/unsere-anfragen/", "Unsere Anfragen"), ("/team/berichte/", "Berichte"), *own
    ]  # fmt: skip


def test_the_current_page_is_marked_in_the_menu(client, team, login_as):
    login_as(team)
    page = client.get("/team/orte/").content.decode()
    assert '<a href="/team/orte/" aria-current="page">Orte</a>' in page


@pytest.mark.parametrize("role", ["trainer", "partner", "team"])
def test_a_superuser_is_shown_as_administration_whatever_its_role_field_says(client, role):
    superuser = make_user(role, is_superuser=True, is_staff=True)
    log_in(client, superuser)
    page = client.get("/team/").content.decode()
    assert "Angemeldet als Administration" in page


def test_the_role_line_names_the_role_of_everyone_else(client, trainer_a, login_as):
    login_as(trainer_a)
    assert "Angemeldet als Referent_in" in client.get("/team/").content.decode()


def test_dashboard_sections_and_what_is_due_in_their_order(client, team, login_as):
    login_as(team)
    make_event(title="Vorbei, noch offen", days_ahead=-3, hours=2)
    make_event(title="Entwurf bald", days_ahead=5, status="draft")
    held = make_event(title="Bescheinigungen fällig", days_ahead=-2, hours=2, status="held")
    participants.check_in(actor=team, booking=make_participant(held, email="da@example.org"))
    with_feedback = make_event(title="Mit Feedback", days_ahead=-4, status="held")
    Survey.objects.create(event=with_feedback)
    Answer.objects.create(event=with_feedback, overall=4, usefulness=4)
    page = client.get("/team/").content.decode()
    order = [
        "<h1>Dashboard</h1>",
        "Veranstaltung anlegen",
        "<h2>Was ansteht</h2>",
        "Vorbei, noch offen</a> – ist vorbei: als durchgeführt markieren",
        "Entwurf bald</a> – Entwurf, beginnt",
        "Bescheinigungen fällig</a> – Teilnahmebescheinigungen verschicken",
        "Mit Feedback</a> – neues Feedback lesen",
        "<h2>Die nächsten 60 Tage</h2>",
        "<h2>Wartelisten</h2>",
    ]
    positions = [page.find(text) for text in order]
    assert -1 not in positions and positions == sorted(positions), dict(zip(order, positions, strict=True))


def test_a_quiet_dashboard_says_so_and_readers_get_no_create_button(client, trainer_a, login_as):
    login_as(trainer_a)
    page = client.get("/team/").content.decode()
    assert "Nichts Dringendes." in page and "In den nächsten 60 Tagen ist nichts geplant." in page
    assert "Veranstaltung anlegen" not in page and "Legen Sie eine Veranstaltung an" not in page


def test_the_event_page_shows_the_declared_registration_setup_link_to_the_team_only(client, team, trainer_a, login_as):
    event = make_event()
    event.trainers.add(trainer_a)
    login_as(team)
    page = client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    link = f'<a href="/team/veranstaltungen/{event.pk}/anmeldung-einrichten/">Anmeldung einrichten</a>'
    assert "<h2>Anmeldung</h2>" in page
    assert f"{link} – Bedarfe, Warteliste und Fragen im Anmeldeformular." in page
    assert page.index("Materialien hochladen oder entfernen") < page.index(link) < page.index("<h2>Termine</h2>")
    login_as(trainer_a)
    page = client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    assert "anmeldung-einrichten" not in page and "<h2>Anmeldung</h2>" not in page


def test_the_frame_imports_no_feature_app():
    """backoffice may import core and accounts only (every feature plugs in through core.registry)."""
    root = Path(settings.BASE_DIR)
    ours = {path.parent.name for path in root.glob("*/apps.py")}
    found = set()
    for path in (root / "backoffice").rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found |= {name.split(".")[0] for name in names} & ours
    assert found <= {"backoffice", "core", "accounts"}, found - {"backoffice", "core", "accounts"}


def test_declared_labels_are_translated_on_english_pages(client, team, login_as):
    login_as(team)
    event = make_event()
    dashboard = client.get("/en/team/").content.decode()
    assert ">Venues</a>" in dashboard and ">My account</a>" in dashboard and "<h2>What is due</h2>" in dashboard
    page = client.get(f"/en/team/veranstaltungen/{event.pk}/").content.decode()
    assert "<h2>Registration</h2>" in page and ">Set up registration</a>" in page
