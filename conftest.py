import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache, so query counts do not depend on test order."""
    cache.clear()
    yield
    cache.clear()
