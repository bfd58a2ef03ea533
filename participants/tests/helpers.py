"""A small world for participant, document and feedback tests: an event, its people and every persona."""

from accounts.models import User
from accounts.testing import make_user
from events.testing import make_event, make_partner
from registrations.testing import make_participant


def build_world(*, participants=3, days_ahead=14, **event_fields):
    co_host = make_partner("Arbeitskreis Asyl Pirna")
    names_host = make_partner("Welcome Café Görlitz e.V.")
    trainer = make_user(User.Role.TRAINER)
    other_trainer = make_user(User.Role.TRAINER)
    event = make_event(title="Schulung Pirna", partners=[co_host], days_ahead=days_ahead, **event_fields)
    event.trainers.add(trainer)
    named = make_event(title="Tagung Görlitz", place="Görlitz", partners=[names_host], partners_may_see_names=True)
    named.trainers.add(trainer)
    other = make_event(title="Schulung Zittau", place="Zittau")
    other.trainers.add(other_trainer)
    people = [make_participant(event, name=f"Erika Muster {n}") for n in range(1, participants + 1)]
    named_people = [make_participant(named, name="Görlitzer Person")]
    return {
        "event": event,
        "named": named,
        "other": other,
        "people": people,
        "named_people": named_people,
        "admin": make_user(User.Role.ADMIN),
        "team": make_user(User.Role.TEAM),
        "trainer": trainer,
        "other_trainer": other_trainer,
        "partner": make_user(User.Role.PARTNER, partner_organisation=co_host),
        "partner_names": make_user(User.Role.PARTNER, partner_organisation=names_host),
    }
