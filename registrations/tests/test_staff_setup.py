"""Registration setup (needs, waiting list, questions) through the real back-office page."""

import pytest

from audit.models import Entry
from events.testing import make_event
from registrations.models import Question, RegistrationSettings
from registrations.tests.helpers import register

pytestmark = pytest.mark.django_db


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
