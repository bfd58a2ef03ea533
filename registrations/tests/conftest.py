import re

import pytest


@pytest.fixture(autouse=True)
def _registration_settings(settings):
    settings.REGISTRATION_RATE_PER_IP = "1000/h"
    settings.REGISTRATION_RATE_PER_EMAIL = "1000/h"


HIDDEN = re.compile(
    r'<input type="hidden" name="(started|submission_key|seats_seen|privacy_notice_version)" value="([^"]*)"'
)


def hidden_fields(html):
    return dict(HIDDEN.findall(html))


@pytest.fixture
def open_form(client):
    """GET the form and return its hidden fields, as a browser would send them back."""

    def _open(event, language_prefix=""):
        response = client.get(f"{language_prefix}/veranstaltungen/{event.slug}/anmelden/")
        assert response.status_code == 200
        return hidden_fields(response.content.decode())

    return _open
