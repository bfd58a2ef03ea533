"""Agenda (Ablauf) and registration setup through the real back-office pages."""

from datetime import time

import pytest

from audit.models import Entry
from events.models import AgendaItem
from events.testing import make_event
from registrations.models import Question, RegistrationSettings
from registrations.tests.helpers import register

pytestmark = pytest.mark.django_db


def agenda_data(event, rows, *, initial=0, version=None):
    data = {
        "version": event.version if version is None else version,
        "ablauf-TOTAL_FORMS": len(rows),
        "ablauf-INITIAL_FORMS": initial,
        "ablauf-MIN_NUM_FORMS": 0,
        "ablauf-MAX_NUM_FORMS": 1000,
    }
    for i, row in enumerate(rows):
        for key, value in row.items():
            data[f"ablauf-{i}-{key}"] = value
    return data


def test_agenda_formset_saves_reorders_and_deletes(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Pirna")
    page = client.get(f"/team/veranstaltungen/{event.pk}/").content.decode()
    assert "Ablauf bearbeiten" in page and "Noch kein Ablauf." in page
    assert "Neuer Programmpunkt" in client.get(f"/team/veranstaltungen/{event.pk}/ablauf/").content.decode()

    rows = [
        {"time": "09:00", "title": "Ankommen", "position": ""},
        {"time": "12:30", "title": "Mittagspause", "position": ""},
        {"time": "10:00", "title": "Asylverfahren", "position": ""},
        {"time": "", "title": "", "position": ""},  # an empty extra row is skipped
    ]
    response = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows))
    assert response.status_code == 302
    items = list(AgendaItem.objects.filter(event=event))
    assert [(i.title, i.position) for i in items] == [("Ankommen", 1), ("Asylverfahren", 2), ("Mittagspause", 3)]
    assert "Asylverfahren" in client.get(event.get_absolute_url()).content.decode()

    # Move the lunch break to the top by its number, delete the arrival line.
    event.refresh_from_db()
    first, second, third = items
    rows = [
        {"id": first.pk, "event": event.pk, "time": "09:00", "title": "Ankommen", "position": "1", "DELETE": "on"},
        {"id": second.pk, "event": event.pk, "time": "10:00", "title": "Asylverfahren", "position": "2"},
        {"id": third.pk, "event": event.pk, "time": "12:30", "title": "Mittagspause", "position": "0"},
    ]
    response = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows, initial=3))
    assert response.status_code == 302
    assert [(i.title, i.position) for i in AgendaItem.objects.filter(event=event)] == [
        ("Mittagspause", 1),
        ("Asylverfahren", 2),
    ]
    assert [e.details for e in Entry.objects.filter(action="event.agenda_saved").order_by("id")] == [
        {"items": 3, "deleted": 0},
        {"items": 2, "deleted": 1},
    ]


def test_agenda_errors_keep_what_was_typed_and_a_stale_version_is_not_overwritten(client, team, login_as):
    login_as(team)
    event = make_event()
    rows = [{"time": "9 Uhr", "title": "Begrüßung", "position": ""}]
    page = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", agenda_data(event, rows)).content.decode()
    assert "Geben Sie die Uhrzeit wie 09:30 ein." in page and 'value="Begrüßung"' in page
    assert not AgendaItem.objects.exists()

    rows = [{"time": "09:00", "title": "Begrüßung", "position": ""}]
    stale = agenda_data(event, rows, version=event.version - 1)
    page = client.post(f"/team/veranstaltungen/{event.pk}/ablauf/", stale).content.decode()
    assert "Jemand anderes hat diese Veranstaltung gespeichert" in page and 'value="Begrüßung"' in page
    assert not AgendaItem.objects.exists()


def setup_data(questions=(), initial=0, **settings):
    data = {
        "einstellungen-offers_accessibility": "on",
        "einstellungen-offers_diet": "on",
        "einstellungen-waiting_list_mode": "auto",
        "einstellungen-offer_hold_hours": "48",
        "fragen-TOTAL_FORMS": len(questions),
        "fragen-INITIAL_FORMS": initial,
        "fragen-MIN_NUM_FORMS": 0,
        "fragen-MAX_NUM_FORMS": 1000,
    }
    data.update({f"einstellungen-{k}": v for k, v in settings.items()})
    for i, row in enumerate(questions):
        for key, value in row.items():
            data[f"fragen-{i}-{key}"] = value
    return {k: v for k, v in data.items() if v is not None}


def test_setup_adds_questions_and_needs_that_appear_on_the_public_form(client, team, login_as):
    login_as(team)
    event = make_event(title="Schulung Zittau")
    form_url = f"/veranstaltungen/{event.slug}/anmelden/"
    assert "Kinderbetreuung: Anzahl und Alter der Kinder" not in client.get(form_url).content.decode()

    questions = [
        {"label": "Haben Sie schon einmal teilgenommen?", "kind": "yesno", "required": "on", "position": "2"},
        {"label": "Welcher Workshop?", "kind": "choice", "choices": "Recht\nGesundheit", "position": "1"},
    ]
    data = setup_data(
        questions, offers_childcare="on", offers_interpretation="on", waiting_list_mode="offer", offer_hold_hours="24"
    )
    response = client.post(f"/team/veranstaltungen/{event.pk}/anmeldung-einrichten/", data)
    assert response.status_code == 302
    settings = RegistrationSettings.objects.get(event=event)
    assert settings.offers_childcare and settings.waiting_list_mode == "offer" and settings.offer_hold_hours == 24
    assert [(q.label, q.position) for q in Question.objects.filter(event=event)] == [
        ("Welcher Workshop?", 1),
        ("Haben Sie schon einmal teilgenommen?", 2),
    ]
    page = client.get(form_url).content.decode()
    for text in ("Welcher Workshop?", "Gesundheit", "Haben Sie schon einmal teilgenommen?"):
        assert text in page
    assert "Kinderbetreuung: Anzahl und Alter der Kinder" in page and "Sprachmittlung: in welche Sprache?" in page
    assert Entry.objects.filter(action="event.registration_setup_saved", target_id=str(event.pk)).count() == 1


def test_a_question_with_answers_cannot_be_deleted_or_change_its_kind(client, team, login_as):
    login_as(team)
    event = make_event()
    question = Question.objects.create(
        event=event, label="Welcher Workshop?", kind="choice", choices="Recht\nGesundheit"
    )
    register(event, answers={str(question.pk): "Recht"})
    page = client.get(f"/team/veranstaltungen/{event.pk}/anmeldung-einrichten/").content.decode()
    assert "Schon von 1 Person beantwortet" in page

    row = {"id": question.pk, "event": event.pk, "label": "Welcher Workshop?", "kind": "choice", "position": "1"}
    url = f"/team/veranstaltungen/{event.pk}/anmeldung-einrichten/"
    page = client.post(url, setup_data([{**row, "choices": "Recht\nGesundheit", "DELETE": "on"}], 1)).content.decode()
    assert "kann nicht gelöscht werden; machen Sie sie stattdessen optional" in page
    page = client.post(url, setup_data([{**row, "kind": "text", "choices": ""}], 1)).content.decode()
    assert "ihre Art kann nicht mehr geändert werden" in page
    page = client.post(url, setup_data([{**row, "choices": "Gesundheit\nMigration"}], 1)).content.decode()
    assert "Diese Antworten wurden schon gegeben und müssen bleiben: Recht" in page
    question.refresh_from_db()
    assert question.kind == "choice" and question.choices == "Recht\nGesundheit"

    # Adding a choice and making it optional is fine.
    response = client.post(url, setup_data([{**row, "choices": "Recht\nGesundheit\nMigration"}], 1))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.choices == "Recht\nGesundheit\nMigration"


def test_unanswered_question_can_be_deleted_and_bad_input_is_explained(client, team, login_as):
    login_as(team)
    event = make_event()
    question = Question.objects.create(event=event, label="Alt", kind="text")
    url = f"/team/veranstaltungen/{event.pk}/anmeldung-einrichten/"
    page = client.post(
        url, setup_data([{"label": "Welche?", "kind": "choice", "choices": "nur eine"}], offer_hold_hours="0")
    ).content.decode()
    assert "mindestens zwei Antworten" in page and "zwischen 1 und 336 Stunden" in page
    assert 'value="Welche?"' in page
    row = {"id": question.pk, "event": event.pk, "label": "Alt", "kind": "text", "DELETE": "on"}
    assert client.post(url, setup_data([row], 1)).status_code == 302
    assert not Question.objects.filter(event=event).exists()


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_setup_pages_are_refused_without_the_team_role(client, persona, request, login_as):
    event = make_event()
    user = request.getfixturevalue(persona)
    if user.role == "trainer":
        event.trainers.add(user)
    if user.partner_organisation:
        event.partners.add(user.partner_organisation)
    if persona == "partner_with_names":
        event.partners_may_see_names = True
        event.save(update_fields=["partners_may_see_names"])
    login_as(user)
    for path in ("ablauf/", "anmeldung-einrichten/", "materialien/"):
        assert client.get(f"/team/veranstaltungen/{event.pk}/{path}").status_code == 403
        assert client.post(f"/team/veranstaltungen/{event.pk}/{path}", {}).status_code == 403
    assert client.get("/team/orte/").status_code == 403
    assert not AgendaItem.objects.exists() and not Question.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    event = make_event()
    for path in (f"/team/veranstaltungen/{event.pk}/ablauf/", "/team/orte/neu/"):
        response = client.get(path)
        assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


def test_agenda_page_in_english(client, team, login_as):
    login_as(team)
    event = make_event()
    AgendaItem.objects.create(event=event, time=time(9), title="Ankommen", position=1)
    page = client.get(f"/en/team/veranstaltungen/{event.pk}/ablauf/").content.decode()
    assert "Edit agenda" in page and "Save agenda" in page
