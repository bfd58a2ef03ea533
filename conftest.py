import importlib
import os
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import caches
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from mail.testing import smtp_server  # noqa: F401

# The shared persona set (admin, team, trainer_a, …, and `login_as`) for every test.
pytest_plugins = ["accounts.testing"]

# Every test runs under a fixed clock that then ticks on in real time, so no test passes or
# fails by the hour it is run at. `.ci/run` repeats the clock-sensitive tests at awkward
# moments (just after midnight, New Year's Eve, the nights the clocks change) through
# SFI_TEST_NOW, an ISO date and time read as Europe/Berlin unless it names an offset.
DEFAULT_TEST_NOW = "2027-01-13T10:30:00"
BERLIN = ZoneInfo("Europe/Berlin")


def clock_start() -> datetime:
    moment = datetime.fromisoformat(os.environ.get("SFI_TEST_NOW") or DEFAULT_TEST_NOW)
    return moment if moment.tzinfo else moment.replace(tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def clock():
    """The test's clock: `clock.shift(timedelta(...))` or `clock.move_to(...)` to travel on."""
    with time_machine.travel(clock_start(), tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with empty caches, so query counts and rate limits do not depend on test order."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the test thread; reverse() would then build /en/ URLs."""
    translation.activate("de")
    yield
    translation.activate("de")


@pytest.fixture(autouse=True)
def _saxony_after_flush(request):
    """Transactional tests flush every table; put Saxony's regions back if they are gone.

    `serialized_rollback` should restore them, but the browser tests run Playwright's event loop
    in the test thread, and Django then hands out a connection object without the serialised
    copy. Loading the regions again is cheap (432 rows) and does not depend on that.
    """
    marker = request.node.get_closest_marker("django_db")
    if not marker or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    _load_saxony_if_gone()


def _load_saxony_if_gone(*, everything=False):
    """Put back what the migrations loaded (Saxony's regions; with `everything`, also the first privacy
    notice, from the copy Django serialised when it made the test database)."""
    from django.apps import apps
    from django.db import IntegrityError, connection, transaction

    from regions.models import Municipality

    if Municipality.objects.exists():
        return
    contents = getattr(connection, "_test_serialized_contents", None)
    if everything and contents:
        try:
            with transaction.atomic():
                connection.creation.deserialize_db_from_string(contents)
            return
        except IntegrityError:
            pass  # the flush was followed by post_migrate (content types are back): load the rest only
    importlib.import_module("regions.migrations.0002_load_saxony").load(apps, None)
    if everything:
        from privacy.models import PrivacyNotice

        if not PrivacyNotice.objects.exists():
            importlib.import_module("privacy.migrations.0002_first_notice").publish_first_version(apps, None)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test ends with a flush of every table. Django and pytest-django run those tests
    last for that reason, but the parallel workers (bin/test) take whole files, and a file may mix
    both kinds: so what the migrations loaded is put back after each one."""
    yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test databases are gone already.
    if marker and marker.kwargs.get("transaction") and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            _load_saxony_if_gone(everything=True)
