"""Personal links: tampered, expired, foreign and wrong-purpose tokens are refused everywhere,
and a token carries no personal data."""

import base64

import pytest
from django.core import signing
from django.test import Client

from events.testing import make_event
from registrations.models import Booking, Registration
from registrations.testing import register
from registrations.tokens import PERSONAL_SALT, confirm_token, personal_token

pytestmark = pytest.mark.django_db

PERSONAL_URLS = [
    "/anmeldung/{t}/",
    "/anmeldung/{t}/aendern/",
    "/anmeldung/{t}/absagen/",
    "/anmeldung/{t}/kalender.ics",
    "/anmeldung/{t}/annehmen/{b}/",
    "/datenschutz/meine-daten/{t}/",
    "/datenschutz/meine-daten/{t}/daten.json",
    "/datenschutz/meine-daten/{t}/loeschen/",
]


@pytest.fixture
def person():
    return register(make_event(days_ahead=30), name="Karla Geheim", email="karla.geheim@example.org", confirm=False)


def bad_tokens(registration):
    good = personal_token(registration)
    return {
        "tampered signature": good[:-3] + "abc",
        "tampered payload": signing.dumps("f" * 32, salt=PERSONAL_SALT)[:-6] + good[-6:],
        "unknown registration": signing.dumps("0" * 32, salt=PERSONAL_SALT),
        "other purpose (confirm link)": confirm_token(registration),
        "other secret": signing.dumps(registration.uuid.hex, salt=PERSONAL_SALT, key="another-secret-key-0123456789"),
        "plain id": str(registration.pk),
        "plain uuid": registration.uuid.hex,
    }


def test_bad_tokens_are_refused_on_every_personal_url_and_reveal_nothing(person):
    booking = Booking.objects.get(registration=person)
    client = Client()
    for kind, token in bad_tokens(person).items():
        for pattern in PERSONAL_URLS:
            url = pattern.format(t=token, b=booking.pk)
            for method in (client.get, client.post):
                response = method(url)
                # 404, or 405 where the page takes no POST at all: never the registration.
                assert response.status_code in {404, 405}, f"{kind}: {method.__name__} {url} -> {response.status_code}"
                assert "Karla" not in response.content.decode() and "karla" not in response.content.decode()
    person.refresh_from_db()
    assert person.is_active and person.email_confirmed_at is None and person.anonymised_at is None


def test_a_personal_token_is_no_confirmation_token(person):
    response = Client().get(f"/anmeldung/bestaetigen/{personal_token(person)}/")
    assert response.status_code == 404
    assert Registration.objects.get(pk=person.pk).email_confirmed_at is None


def test_an_expired_confirmation_link_is_refused(person, settings):
    link = f"/anmeldung/bestaetigen/{confirm_token(person)}/"
    settings.REGISTRATION_CONFIRM_HOURS = -1  # every link is older than its lifetime now
    page = Client().get(link).content.decode()
    assert "abgelaufen" in page
    assert Registration.objects.get(pk=person.pk).email_confirmed_at is None


def test_a_foreign_token_only_opens_its_own_registration(person):
    other = register(make_event(days_ahead=40), name="Otto Anders", email="otto@example.org")
    page = Client().get(f"/anmeldung/{personal_token(other)}/").content.decode()
    assert "Otto Anders" in page and "Karla" not in page
    data = Client().get(f"/datenschutz/meine-daten/{personal_token(other)}/daten.json").content.decode()
    assert "otto@example.org" in data and "karla" not in data
    # Someone with Otto's link cannot accept a place offered to Karla.
    booking = Booking.objects.get(registration=person)
    response = Client().post(f"/anmeldung/{personal_token(other)}/annehmen/{booking.pk}/")
    assert response.status_code == 404


def test_tokens_carry_no_personal_data(person):
    # The personal link never expires: the plain random UUID plus its signature.
    value, signature = personal_token(person).split(":")
    assert value == person.uuid.hex and len(signature) >= 40
    # The confirmation link is timestamped: base64 of the UUID, the time, the signature.
    payload = confirm_token(person).split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert decoded == f'"{person.uuid.hex}"'
    for token in (personal_token(person), confirm_token(person)):
        assert "karla" not in token.lower() and "example" not in token
