"""The privacy tools moved under /team/ (the back-office URL convention); old links redirect permanently."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "old, new",
    [
        ("/datenschutz/verzeichnis/", "/team/datenschutz/verzeichnis/"),
        ("/datenschutz/anfragen/", "/team/datenschutz/anfragen/"),
        ("/en/datenschutz/anfragen/", "/en/team/datenschutz/anfragen/"),
    ],
)
def test_old_paths_redirect_permanently(client, old, new):
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


@pytest.mark.parametrize("step", ["", "auskunft/", "loeschen/"])
def test_a_form_posted_to_an_old_path_is_posted_again_to_the_new_one(client, step):
    response = client.post(f"/datenschutz/anfragen/{step}", {"email": "anna.privat@example.org"})
    assert (response.status_code, response["Location"]) == (308, f"/team/datenschutz/anfragen/{step}")


def test_the_new_paths_are_staff_pages(client):
    for path in ("/team/datenschutz/verzeichnis/", "/team/datenschutz/anfragen/"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/konto/anmelden/")
