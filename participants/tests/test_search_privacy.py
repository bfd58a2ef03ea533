"""No personal data in URLs: what the team types into a search (a name, an e-mail address) is
POSTed and kept in the session; no URL, redirect or link of the check-in or list page carries it."""

import csv
import io
import re
from urllib.parse import unquote_plus

import pytest

from events.testing import make_event
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db

URL_ATTRIBUTES = re.compile(r'(?:href|action|src|hx-get|hx-post|formaction)="([^"]*)"')


def assert_nowhere_in_urls(response, *secrets):
    """Neither a redirect Location, nor the final URL, nor any URL on the final page holds a secret."""
    urls = [location for location, _status in response.redirect_chain]
    urls.append(response.request["PATH_INFO"] + "?" + response.request.get("QUERY_STRING", ""))
    urls += URL_ATTRIBUTES.findall(response.content.decode())
    for url in urls:
        for secret in secrets:
            assert secret.lower() not in unquote_plus(url).lower(), url


@pytest.mark.parametrize("search", ["Albrecht", "anna.albrecht@example.org"])
def test_participant_list_search_keeps_names_and_addresses_out_of_urls(client, team, login_as, search):
    login_as(team)
    event = make_event(capacity=None)
    make_participant(event, name="Anna Albrecht", email="anna.albrecht@example.org")
    make_participant(event, name="Bernd Bauer", email="bernd@example.org")
    list_url = f"/team/veranstaltungen/{event.pk}/teilnehmende/"
    response = client.post(list_url, {"q": search, "status": "confirmed"}, follow=True)
    page = response.content.decode()
    assert "Anna Albrecht" in page and "Bernd Bauer" not in page
    assert response.redirect_chain == [(list_url + "?status=confirmed", 302)]
    assert f'value="{search}"' in page  # the field shows the search, the URL does not
    assert_nowhere_in_urls(response, search, "Albrecht", "anna.albrecht")
    # The export honours the search of the list being looked at.
    body = client.get(list_url + "export.csv?status=confirmed").content.decode("utf-8-sig")
    names = {row[1] for row in list(csv.reader(io.StringIO(body), delimiter=";"))[1:]}
    assert names == {"Anna Albrecht"}
    # A typed search in an old bookmark is ignored, not honoured.
    assert "Bernd Bauer" in client.post(list_url, {"reset": "1"}, follow=True).content.decode()
    assert "Bernd Bauer" in client.get(list_url, {"q": "Albrecht"}).content.decode()


@pytest.mark.parametrize("search", ["Albrecht", "Initiative Anna"])
def test_check_in_search_and_tick_keep_names_out_of_urls(client, team, login_as, search):
    login_as(team)
    event = make_event(days_ahead=0)
    anna = make_participant(event, name="Anna Albrecht", organisation="Initiative Anna")
    make_participant(event, name="Bernd Bauer")
    door = f"/team/veranstaltungen/{event.pk}/einlass/"
    response = client.post(door, {"q": search}, follow=True)
    page = response.content.decode()
    assert "Anna Albrecht" in page and "Bernd Bauer" not in page
    assert_nowhere_in_urls(response, search, "Albrecht")
    response = client.post(door + "anwesend/", {"booking": anna.pk, "action": "present"}, follow=True)
    page = response.content.decode()
    assert "1</strong> von 2 anwesend" in page and "Bernd Bauer" not in page  # still the same search
    assert_nowhere_in_urls(response, search, "Albrecht")
    response = client.post(door, {"reset": "1"}, follow=True)
    assert "Bernd Bauer" in response.content.decode()
