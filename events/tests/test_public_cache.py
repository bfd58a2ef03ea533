"""Public pages come from the cache until something they show changes, and then at once: on the very
next request, in this process and in another one sharing the database (core.public_cache)."""

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.testing import make_user
from core.public_cache import public_page
from events.models import Event
from events.testing import make_event
from regions.models import Municipality
from registrations.models import Booking
from registrations.testing import make_participant

pytestmark = pytest.mark.django_db


def page(client, path, **headers):
    response = client.get(path, headers=headers)
    assert response.status_code == 200, path
    return response.content.decode()


def test_an_edited_offer_shows_on_the_next_request():
    event = make_event(title="Erste Fassung")
    client = Client()
    assert "Erste Fassung" in page(client, "/veranstaltungen/")
    assert "Erste Fassung" in page(client, event.get_absolute_url())
    event.title = "Zweite Fassung"
    event.save()
    assert "Zweite Fassung" in page(client, "/veranstaltungen/")
    assert "Zweite Fassung" in page(client, event.get_absolute_url())


def test_a_seat_taken_and_freed_shows_on_the_next_request():
    event = make_event(capacity=3)
    client = Client()
    assert "noch 3 Plätze frei" in page(client, "/veranstaltungen/")
    booking = make_participant(event)
    assert "noch 2 Plätze frei" in page(client, "/veranstaltungen/")
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)  # a bulk update, no save()
    assert "noch 3 Plätze frei" in page(client, "/veranstaltungen/")


def test_a_lost_version_row_is_put_back_by_the_next_write():
    """A flushed or partly restored database has no version row; the triggers put it back instead of
    bumping nothing (which would keep serving the old pages)."""
    from core.models import PublicVersion

    event = make_event(title="Erste Fassung")
    client = Client()
    assert "Erste Fassung" in page(client, "/veranstaltungen/")
    PublicVersion.objects.all().delete()
    event.title = "Zweite Fassung"
    event.save()
    assert PublicVersion.objects.get(pk=1).number >= 1
    assert "Zweite Fassung" in page(client, "/veranstaltungen/")
    event.title = "Dritte Fassung"
    event.save()
    assert "Dritte Fassung" in page(client, "/veranstaltungen/")


def test_a_check_in_leaves_the_public_pages_alone_a_seat_freed_does_not():
    """Only a booking's status and event are on public pages: the door's check-ins do not renew every
    cached page (nor wait for the version row's lock)."""
    from core.public_cache import current_version

    booking = make_participant(make_event(capacity=3))
    before = current_version()
    Booking.objects.filter(pk=booking.pk).update(attended=True)
    assert current_version() == before
    Booking.objects.filter(pk=booking.pk).update(status=Booking.Status.CANCELLED)
    assert current_version() > before


def test_a_cancelled_offer_shows_on_the_next_request():
    event = make_event()
    client = Client()
    assert "wurde abgesagt" not in page(client, event.get_absolute_url())
    Event.objects.filter(pk=event.pk).update(status=Event.Status.CANCELLED)
    assert "Dieses Angebot wurde abgesagt." in page(client, event.get_absolute_url())


def test_a_renamed_place_shows_on_the_next_request():
    event = make_event(place="Pirna")
    client = Client()
    assert "Pirna" in page(client, event.get_absolute_url())
    Municipality.objects.filter(name="Pirna").update(name="Pirna an der Elbe")
    assert "Pirna an der Elbe" in page(client, event.get_absolute_url())


def test_a_renamed_place_is_offered_by_its_new_name_in_the_place_suggestions_at_once():
    make_event(place="Pirna")
    client = Client()
    assert '<option value="Pirna">' in page(client, "/veranstaltungen/")
    Municipality.objects.filter(name="Pirna").update(name="Pirna an der Elbe")
    body = page(client, "/veranstaltungen/")
    assert '<option value="Pirna an der Elbe">' in body
    assert '<option value="Pirna">' not in body


def test_each_language_gets_its_own_page():
    make_event()
    client = Client()
    german = page(client, "/veranstaltungen/")
    english = page(client, "/en/veranstaltungen/")
    assert '<html lang="de">' in german
    assert '<html lang="en">' in english
    assert '<html lang="de">' in page(client, "/veranstaltungen/")


def test_a_filter_never_gets_another_filter_s_result():
    make_event(title="Angebot in Pirna", place="Pirna")
    make_event(title="Angebot in Bautzen", place="Bautzen")
    client = Client()
    assert "Angebot in Bautzen" not in page(client, "/veranstaltungen/?kreis=saechsische-schweiz-osterzgebirge")
    bautzen = page(client, "/veranstaltungen/?kreis=bautzen")
    assert "Angebot in Bautzen" in bautzen
    assert "Angebot in Pirna" not in bautzen


def test_the_htmx_fragment_and_the_whole_page_are_kept_apart():
    make_event()
    client = Client()
    fragment = page(client, "/veranstaltungen/", **{"HX-Request": "true"})
    whole = page(client, "/veranstaltungen/")
    assert "<html" not in fragment
    assert "<html" in whole


def test_a_current_copy_is_answered_with_304_and_a_changed_page_with_200():
    event = make_event()
    client = Client()
    first = client.get("/veranstaltungen/")
    etag = first["ETag"]
    assert "no-cache" in first["Cache-Control"]
    again = client.get("/veranstaltungen/", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    Event.objects.filter(pk=event.pk).update(title="Neuer Titel")
    changed = client.get("/veranstaltungen/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert "Neuer Titel" in changed.content.decode()
    assert changed["ETag"] != etag


def test_a_compressed_page_s_weak_etag_is_answered_with_304_too():
    make_event()
    client = Client()
    first = client.get("/veranstaltungen/", headers={"Accept-Encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')
    again = client.get("/veranstaltungen/", headers={"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_the_etag_differs_per_language_and_filter():
    make_event()
    client = Client()
    tags = {
        client.get(path)["ETag"]
        for path in ["/veranstaltungen/", "/en/veranstaltungen/", "/veranstaltungen/?art=schulung"]
    }
    assert len(tags) == 3


@pytest.mark.clock
def test_time_alone_ends_a_registration_on_the_cached_page(clock):
    event = make_event(days_ahead=5)
    client = Client()
    assert "Der Anmeldeschluss ist vorbei" not in page(client, event.get_absolute_url())
    clock.move_to(event.registration_deadline + timezone.timedelta(minutes=1))
    assert "Anmeldeschluss ist vorbei" in page(client, event.get_absolute_url())


def test_logged_in_visitors_are_never_served_from_or_stored_in_the_cache():
    make_event(title="Öffentlicher Titel")
    staff = make_user()
    client = Client()
    client.force_login(staff)

    def queries(client):
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/veranstaltungen/")
        return response, len(captured)

    response, _n = queries(client)
    assert "ETag" not in response and "no-store" in response["Cache-Control"]
    _response, first = queries(Client())
    assert first > 1  # rendered: the logged-in visit stored nothing
    _response, again = queries(Client())
    assert again == 1  # now it comes from the cache
    response, logged_in = queries(client)
    assert logged_in > 1 and "ETag" not in response  # and a logged-in visitor is not served from it


def test_a_page_with_a_message_waiting_is_neither_served_from_nor_stored_in_the_cache():
    make_event()
    page(Client(), "/veranstaltungen/")  # now cached
    client = Client()
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies["messages"] = storage._encode([Message(constants.SUCCESS, "Nur für Sie bestimmt")])
    response = client.get("/veranstaltungen/")
    assert "Nur für Sie bestimmt" in response.content.decode()
    assert "ETag" not in response
    assert "Nur für Sie bestimmt" not in page(Client(), "/veranstaltungen/")


def test_a_response_that_used_a_csrf_token_or_set_a_cookie_is_rendered_each_time():
    calls = []

    @public_page
    def with_token(request):
        calls.append(1)
        return HttpResponse(get_token(request))

    @public_page
    def with_cookie(request):
        calls.append(1)
        response = HttpResponse("ok")
        response.set_cookie("seen", "1")
        return response

    for view in (with_token, with_cookie):
        calls.clear()
        first = view(RequestFactory().get("/probe/"))
        second = view(RequestFactory().get("/probe/"))
        assert len(calls) == 2
        assert "ETag" not in first
        assert "ETag" not in second


def test_every_table_public_pages_show_bumps_the_version():
    from django.apps import apps

    from core.public_cache import TRIGGER_PREFIX

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {row[0] for row in cursor.fetchall()}
    models = [
        model
        for label in ("events", "regions", "network", "knowledge")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    models += [apps.get_model("registrations", name) for name in ("Booking", "RegistrationSettings")]
    models.append(apps.get_model("conferences", "Conference"))
    for model in models:
        table = model._meta.db_table
        assert any(name.startswith(f"{TRIGGER_PREFIX}_{table}") for name in triggers), table


CHILD = textwrap.dedent(
    """
    import os, sys, datetime
    import time_machine
    time_machine.travel(datetime.datetime.fromisoformat(sys.argv[1]), tick=True).start()
    import django
    django.setup()
    from django.test import Client, RequestFactory
    client = Client()
    for line in sys.stdin:
        print(client.get(line.strip()).content.decode().count(sys.argv[2]), flush=True)
    """
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="a second process needs a database it can reach")
def test_a_change_made_by_one_app_server_shows_on_the_next_request_of_another():
    event = make_event(title="Fassung Eins")
    db = connection.settings_dict
    url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {"DATABASE_URL": url, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "sfi.settings", "PATH": "/usr/bin:/bin"}
    other = subprocess.Popen(
        [sys.executable, "-c", CHILD, timezone.now().isoformat(), "Fassung Zwei"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        other.stdin.write(event.get_absolute_url() + "\n")
        other.stdin.flush()
        assert other.stdout.readline().strip() == "0"  # the other server now holds the page in its cache
        Event.objects.filter(pk=event.pk).update(title="Fassung Zwei")  # this server changes the offer
        other.stdin.write(event.get_absolute_url() + "\n")
        other.stdin.flush()
        assert int(other.stdout.readline()) > 0
    finally:
        other.stdin.close()
        other.wait(timeout=60)
