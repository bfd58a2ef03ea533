import io
import re

import pytest
from django.core.management import call_command

from demo.seeders.accounts import DEMO_PASSWORD, seed_accounts
from events.testing import make_event

pytestmark = pytest.mark.django_db


def test_the_readme_demo_login_works(client):
    make_event(days_ahead=5)
    seed_accounts()
    seed_accounts()  # idempotent
    response = client.post("/konto/anmelden/", {"username": "team@example.org", "password": DEMO_PASSWORD})
    assert response["Location"].startswith("/konto/anmelden/code/")
    out = io.StringIO()
    call_command("demo_totp", stdout=out)
    code = re.match(r"(\d{6})", out.getvalue()).group(1)
    assert client.post(response["Location"], {"code": code})["Location"] == "/team/"
    assert "Dashboard" in client.get("/team/").content.decode()


def test_demo_trainer_and_partner_have_events():
    make_event(days_ahead=5)
    make_event(days_ahead=6)
    seed_accounts()
    from accounts.models import User

    trainer = User.objects.get(email="referentin@example.org")
    assert trainer.trained_events.count() == 2
