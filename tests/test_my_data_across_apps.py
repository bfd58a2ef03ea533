"""„Meine Daten“ lists every kind of record held for the address, whichever app holds it
(registrations, training requests, the newsletter, board posts and alerts), each linking to its
own personal page; it opens from a registration's and from a training request's personal link;
another address's records never show; erasure reaches every app; the staff tool finds them all."""

import json
import re
from datetime import date

import pytest
from django.test import Client

from board.models import Alert, Post
from board.testing import make_alert, make_post
from events.testing import make_event
from newsletter.models import Subscriber
from newsletter.testing import make_subscriber
from registrations.testing import register
from registrations.tokens import personal_token as registration_token
from training_requests.models import TrainingRequest
from training_requests.testing import make_request
from training_requests.tokens import personal_token as request_token

pytestmark = pytest.mark.django_db

MINE = "kim.vielfalt@example.org"
OTHER = "jemand.anderes@example.org"


def records_of(email, tag):
    registration = register(
        make_event(title=f"Schulung {tag}", days_ahead=30), email=email, name=f"Name {tag}", newsletter_consent=False
    )
    training_request = make_request(organisation=f"Initiative {tag}", contact_email=email, place="Zittau")
    subscriber = make_subscriber(email)
    post = make_post(title=f"Dolmetschen {tag}", email=email)
    alert = make_alert(email=email)
    return registration, training_request, subscriber, post, alert


def links_on(page):
    return re.findall(r'href="([^"]+)"', page)


def test_my_data_lists_every_kind_of_record_with_its_own_page_and_nothing_of_others():
    registration, training_request, subscriber, post, _ = records_of(MINE, "Kim")
    records_of(OTHER, "Anders")
    page = Client().get(f"/datenschutz/meine-daten/{registration_token(registration)}/").content.decode()
    for shown in (
        "Anmeldung: Schulung Kim",
        "Schulungsanfrage: Initiative Kim, Zittau",
        "Newsletter-Abo",
        "Beitrag bei Suche/Biete: Dolmetschen Kim",
        "Benachrichtigung bei Suche/Biete",
        "Name Kim",
    ):
        assert shown in page, shown
    for hidden in ("Anders", OTHER):
        assert hidden not in page
    links = links_on(page)
    assert f"/anmeldung/{registration_token(registration)}/" in links
    assert f"/schulung-anfragen/anfrage/{request_token(training_request)}/" in links
    assert any(link.startswith("/newsletter/abo/") for link in links)
    assert any(link.startswith("/suche-biete/mein-beitrag/") for link in links)
    assert any(link.startswith("/suche-biete/benachrichtigung/abbestellen/") for link in links)
    assert not [link for link in links if "@" in link or "kim.vielfalt" in link]


def test_my_data_opens_from_a_training_request_link_too():
    _, training_request, *_ = records_of(MINE, "Kim")
    records_of(OTHER, "Anders")
    personal = Client().get(f"/schulung-anfragen/anfrage/{request_token(training_request)}/").content.decode()
    my_data = f"/datenschutz/meine-daten/{request_token(training_request)}/"
    assert my_data in personal
    page = Client().get(my_data).content.decode()
    assert "Anmeldung: Schulung Kim" in page and "Schulungsanfrage: Initiative Kim" in page and "Anders" not in page
    data = json.loads(Client().get(my_data + "daten.json").content)
    assert {"anmeldungen", "schulungsanfragen", "newsletter", "suche_biete"} <= set(data)
    assert data["schulungsanfragen"][0]["email"] == MINE
    assert [s["email"] for s in data["newsletter"]] == [MINE]
    assert OTHER not in json.dumps(data)


def test_an_unconfirmed_request_link_opens_nothing():
    training_request = make_request(contact_email=MINE, confirmed=False)
    assert Client().get(f"/datenschutz/meine-daten/{request_token(training_request)}/").status_code == 404


def test_erasure_from_a_request_link_reaches_every_app_and_spares_the_other_address():
    _, training_request, subscriber, post, alert = records_of(MINE, "Kim")
    *_, other_post, other_alert = records_of(OTHER, "Anders")
    client = Client()
    url = f"/datenschutz/meine-daten/{request_token(training_request)}/loeschen/"
    page = client.get(url).content.decode()
    assert "Schulungsanfrage: Initiative Kim, Zittau" in page and "Newsletter-Abo" in page
    assert client.post(url).status_code == 302
    assert TrainingRequest.objects.get(pk=training_request.pk).contact_email == ""
    assert Subscriber.objects.get(pk=subscriber.pk).email == ""
    assert Post.objects.get(pk=post.pk).email != MINE
    assert not Alert.objects.filter(pk=alert.pk).exists()
    assert TrainingRequest.objects.filter(contact_email=OTHER).count() == 1
    assert Subscriber.objects.filter(email=OTHER).count() == 1
    assert Post.objects.get(pk=other_post.pk).email == OTHER and Alert.objects.filter(pk=other_alert.pk).exists()


def test_the_staff_tool_finds_every_kind_of_record(client, login_as, team):
    records_of(MINE, "Kim")
    records_of(OTHER, "Anders")
    login_as(team)
    page = client.post("/team/datenschutz/anfragen/", {"email": MINE.upper()}).content.decode()
    assert "5 Einträge gefunden" in page
    for shown in ("Schulung Kim", "Initiative Kim", "Newsletter-Abo", "Dolmetschen Kim"):
        assert shown in page
    assert "Anders" not in page
    # The team sees the data, not the person's own links (those would let it act as the person).
    assert "/schulung-anfragen/anfrage/" not in page and "/newsletter/abo/" not in page


def test_my_data_lists_a_multiplier_profile_and_log_entries():
    from events.testing import make_topic
    from multipliers.models import Consultation
    from multipliers.testing import make_multiplier
    from newsletter.testing import district

    registration = register(make_event(title="Multiplikator_innen-Kurs", days_ahead=30), email=MINE, name="Kim")
    topic = make_topic(name="Asylverfahren")
    profile = make_multiplier(name="Kim Vielfalt", email=MINE, topics=[topic])
    entry = Consultation.objects.create(
        multiplier=profile.user,
        month=date(2026, 11, 1),
        district=district("Görlitz"),
        advised="volunteer",
        duration="30",
        other_agency="Tafel Görlitz",
    )
    entry.topics.set([topic])
    make_multiplier(name="Jemand Anderes", email=OTHER)
    page = Client().get(f"/datenschutz/meine-daten/{registration_token(registration)}/").content.decode()
    assert "Profil als Multiplikator_in: Kim Vielfalt" in page and 'href="/multiplikator/"' in page
    assert "Beratung im Protokoll: 11/2026" in page
    for label in ("Angezeigter Name", "So kann ich helfen", "Fachstelle", "Beraten wurde"):
        assert label in page, label
    assert "Asylverfahren" in page and "Tafel Görlitz" in page
    assert "anzeigename" not in page and "so_kann_ich_helfen" not in page
    assert "Jemand Anderes" not in page
