"""The public form: double opt-in, bad input kept, double submit creates one request, the personal
link shows only its own request, replies and withdrawal."""

import re

import pytest
from django.urls import reverse

from core import guards
from mail.testing import deliver_outbox
from privacy.queries import current_notice
from regions.forms import MunicipalityField
from training_requests import tokens
from training_requests.forms import PublicRequestForm
from training_requests.models import Message, TrainingRequest
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db

URL = "/schulung-anfragen/"


def form_data(**overrides):
    data = {
        "organisation": "Ev.-Luth. Kirchgemeinde Zittau",
        "kind": "parish",
        "place": "Zittau",
        "contact_name": "Maria Muster",
        "contact_email": "maria@example.org",
        "contact_phone": "",
        "wished_period": "",
        "window1_start": "2027-03-06",
        "window1_end": "2027-03-07",
        "expected_participants": "18",
        "topics_other": "Asylrecht",
        "languages_needed": "",
        "room": "yes",
        "room_accessibility": "ebenerdig",
        "local_partners": "Willkommensbündnis",
        "message": "Wir freuen uns!",
        "privacy_consent": "on",
        "company": "",
        "started": guards.issue_token(),
    }
    data.update(overrides)
    return data


def link_in(text, path):
    return re.search(rf"https?://[^\s]+{path}[^\s]+", text).group(0)


def test_request_waits_for_the_address_confirmation_then_reaches_the_team(client, smtp_server):
    response = client.post(URL, form_data())
    assert response.status_code == 302 and response["Location"] == "/schulung-anfragen/gesendet/"
    training_request = TrainingRequest.objects.get()
    assert training_request.municipality.name == "Zittau"
    assert training_request.privacy_notice_version == current_notice().version
    assert training_request.email_confirmed_at is None
    assert not TrainingRequest.objects.confirmed().exists()

    deliver_outbox()
    (confirm_mail,) = smtp_server.messages_to("maria@example.org")
    confirm_url = link_in(confirm_mail.text, "/schulung-anfragen/bestaetigen/")
    path = "/" + confirm_url.split("/", 3)[3]
    assert client.get(path).status_code == 200
    assert TrainingRequest.objects.get().email_confirmed_at is None  # a GET never confirms
    response = client.post(path)
    assert response.status_code == 302
    training_request.refresh_from_db()
    assert training_request.email_confirmed_at is not None
    client.post(path)  # again: nothing more
    deliver_outbox()
    received = [m for m in smtp_server.messages_to("maria@example.org") if "angekommen" in m.subject]
    assert len(received) == 1
    personal = client.get(response["Location"])
    assert personal.status_code == 200
    assert "neu" in personal.content.decode()


def test_bad_input_keeps_what_was_typed_and_says_what_to_fix(client):
    response = client.post(
        URL, form_data(place="Zittauu", contact_email="maria-ohne-at", window2_end="2027-01-01", privacy_consent="")
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Meinten Sie: Zittau?" in page
    assert "name@beispiel.de" in page
    assert "ab wann das Zeitfenster gilt" in page
    assert "Datenschutzerklärung gelesen" in page
    assert "Ev.-Luth. Kirchgemeinde Zittau" in page and "Willkommensbündnis" in page
    assert not TrainingRequest.objects.exists()


def test_double_submit_and_honeypot_create_one_request(client):
    data = form_data()
    assert client.post(URL, data).status_code == 302
    assert client.post(URL, data).status_code == 302  # the same form again
    assert TrainingRequest.objects.count() == 1
    client.post(URL, form_data(company="Spam GmbH"))
    assert TrainingRequest.objects.count() == 1


def test_rate_limit_per_address(client, settings):
    settings.TRAINING_REQUEST_RATE_PER_EMAIL = "2/h"
    for _ in range(2):
        assert client.post(URL, form_data()).status_code == 302
    response = client.post(URL, form_data())
    assert response.status_code == 429
    assert TrainingRequest.objects.count() == 2


def test_personal_link_shows_only_its_own_request(client):
    mine = make_request(organisation="Kirchgemeinde Zittau", message="Unsere Nachricht")
    other = make_request(organisation="Verein Bautzen", place="Bautzen")
    page = client.get(reverse("training_requests:personal", kwargs={"token": tokens.personal_token(mine)}))
    text = page.content.decode()
    assert "Unsere Nachricht" in text and "Verein Bautzen" not in text and other.contact_email not in text
    assert "no-store" in page["Cache-Control"]
    tampered = tokens.personal_token(mine)[:-2] + "xx"
    assert client.get(reverse("training_requests:personal", kwargs={"token": tampered})).status_code == 404
    unconfirmed = make_request(confirmed=False)
    token = tokens.personal_token(unconfirmed)
    assert client.get(reverse("training_requests:personal", kwargs={"token": token})).status_code == 404


def test_requester_replies_and_withdraws(client):
    training_request = make_request(state="discussion")
    token = tokens.personal_token(training_request)
    reply_url = reverse("training_requests:personal", kwargs={"token": token})
    data = {"body": "Der 6. März passt uns gut.", "company": "", "started": guards.issue_token()}
    assert client.post(reply_url, data).status_code == 302
    assert client.post(reply_url, data).status_code == 302  # resent: one message
    (message,) = Message.objects.all()
    assert not message.from_team
    withdraw_url = reverse("training_requests:withdraw", kwargs={"token": token})
    client.post(withdraw_url)
    client.post(withdraw_url)
    training_request.refresh_from_db()
    assert training_request.state == "withdrawn"
    assert training_request.state_changes.filter(to_state="withdrawn", by_requester=True).count() == 1


def test_the_place_is_looked_up_like_in_every_other_form(client):
    assert isinstance(PublicRequestForm.base_fields["place"], MunicipalityField)
    response = client.post(URL, form_data(place="Zittauu"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'value="Zittauu"' in page and "Meinten Sie: Zittau?" in page
    assert client.post(URL, form_data(place="Pirna OT Copitz")).status_code == 302
    assert TrainingRequest.objects.get().municipality.name == "Pirna"
    response = client.post(URL, form_data(place=""))
    assert "Bitte geben Sie die Gemeinde an" in response.content.decode()
