"""Facts for the registrations made before the reports app: the pseudonym from the address where it
is still there (anonymised rows have none and count as their own person), and whether a booking
waited without ever getting a place (a promotion leaves no other trace)."""

from django.db import migrations
from django.db.models import Q

from reports.pseudonyms import pseudonym


def fill(apps, schema_editor):
    Registration = apps.get_model("registrations", "Registration")
    Booking = apps.get_model("registrations", "Booking")
    RegistrationFacts = apps.get_model("reports", "RegistrationFacts")
    waited = set(
        Booking.objects.filter(Q(status="waiting") | Q(confirmed_at__isnull=True, offered_until__isnull=False))
        .values_list("registration_id", flat=True)
        .distinct()
    )
    done = set(RegistrationFacts.objects.values_list("registration_id", flat=True))
    rows = [
        RegistrationFacts(registration_id=pk, pseudonym=pseudonym(email), waited=pk in waited)
        for pk, email in Registration.objects.values_list("pk", "email").iterator()
        if pk not in done
    ]
    RegistrationFacts.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_registration_facts"),
        ("registrations", "0002_registration_entered_by_team"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
