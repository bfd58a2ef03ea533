import pytest

from accounts.models import User

pytestmark = pytest.mark.django_db

URL = "/datenschutz/verzeichnis/"


def login(client, role):
    user = User.objects.create_user(email=f"{role}@example.org", password="x-long-password-1", role=role)
    client.force_login(user)
    return user


@pytest.mark.parametrize("role", ["admin", "team"])
def test_staff_see_the_record_generated_from_configuration(client, settings, role):
    settings.PRIVACY_RETENTION = {**settings.PRIVACY_RETENTION, "audit_log_months": 30}
    login(client, role)
    page = client.get(URL).content.decode()
    assert "Verzeichnis von Verarbeitungstätigkeiten" in page
    assert "Konten für Team" in page
    assert "Das Zugriffsprotokoll wird 30 Monate aufbewahrt." in page
    assert "Zwei-Faktor-Anmeldung" in page


@pytest.mark.parametrize("role", ["trainer", "partner", "multiplier"])
def test_other_roles_are_refused(client, role):
    login(client, role)
    response = client.get(URL)
    assert response.status_code == 403
    assert "Verarbeitungstätigkeiten" not in response.content.decode()


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "next=" in response["Location"]


def test_activities_of_apps_that_are_not_installed_are_left_out(client, settings):
    settings.INSTALLED_APPS = [app for app in settings.INSTALLED_APPS if app != "mail"]
    login(client, "team")
    page = client.get(URL).content.decode()
    assert "E-Mail-Versand (Warteschlange)" not in page
