import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

URL = "/team/datenschutz/verzeichnis/"
EXPECTED = Path(__file__).parent / "expected"


@pytest.mark.parametrize("persona", ["admin", "team"])
def test_staff_see_the_record_generated_from_configuration(client, settings, persona, request, login_as):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "audit_log_months": 30}
    login_as(request.getfixturevalue(persona))
    page = client.get(URL).content.decode()
    assert "Verzeichnis von Verarbeitungstätigkeiten" in page
    assert "Konten für Team" in page
    assert "Das Zugriffsprotokoll wird 30 Monate aufbewahrt." in page
    assert "Zwei-Faktor-Anmeldung" in page


@pytest.mark.parametrize("persona", ["trainer_a", "partner_with_names", "partner_without_names", "multiplier"])
def test_other_roles_are_refused(client, persona, request, login_as):
    login_as(request.getfixturevalue(persona))
    response = client.get(URL)
    assert response.status_code == 403
    assert "Verarbeitungstätigkeiten" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_activities_of_apps_that_are_not_installed_are_left_out(settings):
    from privacy.processing import processing_record

    assert "relay" in [item["activity"].key for item in processing_record()]
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app != "relay"]
    assert "relay" not in [item["activity"].key for item in processing_record()]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_record_of_the_declared_activities_reads_as_before(client, admin, login_as, language):
    """The activities and retention rules are declared by the apps that own the data; the page shows
    them in the same order and words as when privacy listed them itself (saved in tests/expected/)."""
    login_as(admin)
    page = client.get(URL if language == "de" else "/en" + URL).content.decode()
    shown = re.search(r"<h1>.*?</main>", page, re.S).group(0) + "\n"
    assert shown == (EXPECTED / f"processing_record.{language}.html").read_text(encoding="utf-8")
