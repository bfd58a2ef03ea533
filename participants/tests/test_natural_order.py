"""Lists of people sort names as people read them: "Demo 2" before "Demo 10", umlauts and case
ignored; the participant list, the door list and the printed Teilnahmeliste agree."""

import io
import re

import pytest
from pypdf import PdfReader

from core.text import natural_key
from events.testing import make_event
from participants import services as participants
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db

NAMES = ["Demo Teilnehmer_in 10", "Demo Teilnehmer_in 2", "Öztürk, Ayşe", "demo teilnehmer_in 1", "Oberländer, Jan",
         "Demo Teilnehmer_in 11"]  # fmt: skip
EXPECTED = ["demo teilnehmer_in 1", "Demo Teilnehmer_in 2", "Demo Teilnehmer_in 10", "Demo Teilnehmer_in 11",
            "Oberländer, Jan", "Öztürk, Ayşe"]  # fmt: skip


def test_natural_key_orders_numbers_by_value_and_ignores_case_and_umlauts():
    assert sorted(NAMES, key=natural_key) == EXPECTED
    assert sorted(["Gruppe 2b", "Gruppe 2a", "Gruppe 10"], key=natural_key) == ["Gruppe 2a", "Gruppe 2b", "Gruppe 10"]
    assert natural_key("") < natural_key("A")


def in_order_of_appearance(text):
    positions = {name: text.find(name) for name in NAMES}
    assert all(position >= 0 for position in positions.values()), positions
    return sorted(NAMES, key=positions.get)


def test_participant_list_door_list_and_teilnahmeliste_sort_names_naturally(client, team, login_as):
    login_as(team)
    event = make_event(capacity=None)
    for name in NAMES:
        participants.check_in(actor=team, booking=make_participant(event, name=name))
    base = f"/team/veranstaltungen/{event.pk}/"

    table = client.get(base + "teilnehmende/").content.decode().split("<tbody>")[1]
    assert in_order_of_appearance(table) == EXPECTED
    door = client.get(base + "einlass/").content.decode()
    assert in_order_of_appearance(door) == EXPECTED
    body = client.get(base + "teilnahmeliste.pdf").content
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert in_order_of_appearance(re.sub(r"\s+", " ", text)) == EXPECTED
    export = client.get(base + "teilnehmende/export.csv").content.decode()
    assert in_order_of_appearance(export) == EXPECTED
