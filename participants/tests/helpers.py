"""A small world for participant, document and feedback tests: an event, its people and the personas."""

from events.testing import make_event
from registrations.testing import make_participant


def build_world(
    *, trainer_a, trainer_b, partner_with_names, partner_without_names, participants=3, days_ahead=14, **event_fields
):
    """trainer_a gives "Schulung Pirna" (co-hosted by partner_without_names) and "Tagung Görlitz"
    (co-hosted by partner_with_names, names allowed); trainer_b gives "Schulung Zittau"."""
    event = make_event(
        title="Schulung Pirna",
        partners=[partner_without_names.partner_organisation],
        days_ahead=days_ahead,
        **event_fields,
    )
    event.trainers.add(trainer_a)
    named = make_event(
        title="Tagung Görlitz",
        place="Görlitz",
        partners=[partner_with_names.partner_organisation],
        partners_may_see_names=True,
    )
    named.trainers.add(trainer_a)
    other = make_event(title="Schulung Zittau", place="Zittau")
    other.trainers.add(trainer_b)
    people = [make_participant(event, name=f"Erika Muster {n}") for n in range(1, participants + 1)]
    named_people = [make_participant(named, name="Görlitzer Person")]
    return {"event": event, "named": named, "other": other, "people": people, "named_people": named_people}
