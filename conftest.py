import pytest
from django.core.cache import cache
from django.utils import translation

from mail.testing import smtp_server  # noqa: F401


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the test thread; reverse() would then build /en/ URLs."""
    translation.activate("de")
    yield
    translation.activate("de")
