import pytest

from events.models import Event
from sfi.testing import make_event
from tests.browser.axe import assert_no_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_smoke_catalogue_has_no_axe_violations(page):
    make_event(title="Schulung in Heidenau", place="Heidenau", kind=Event.Kind.TRAINING)
    page.goto(page.base_url + "/veranstaltungen/")
    assert "Schulung in Heidenau" in page.content()
    assert_no_axe_violations(page)
