import io
import logging

import pytest
from django.test import Client

from core.logging import redact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path",
    [
        "/anmeldung/0123456789abcdef0123456789abcdef:AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcD/",
        "/en/anmeldung/0123456789abcdef:sig/annehmen/99/",
        "/anmeldung/bestaetigen/ImFiYyI:1xW3GW:yqiQzHEXCccQe0zy9CYGjmnD4NEMCzJSFz9McIdq36Y/",
        "/datenschutz/meine-daten/0123456789abcdef:sig/daten.json",
        "/feedback/kq3Jd9_x-secret/",
        "/konto/passwort-neu/MTI:sig/d6hk2x-0123456789abcdef/",
        "/en/konto/passwort-neu/MTI:sig/set-password/",
    ],
)
def test_tokens_in_paths_are_redacted(path):
    cleaned = redact(f"Not Found: {path}")
    assert "[token]" in cleaned
    assert "sig" not in cleaned and "secret" not in cleaned and "0123456789abcdef" not in cleaned


def test_other_paths_are_left_alone():
    assert redact("Not Found: /veranstaltungen/schulung-pirna/") == "Not Found: /veranstaltungen/schulung-pirna/"
    assert redact("GET /anmeldung/link/") == "GET /anmeldung/link/"
    assert redact("GET /konto/passwort-neu/fertig/") == "GET /konto/passwort-neu/fertig/"


def test_the_configured_console_handler_writes_no_personal_token():
    token = "0123456789abcdef0123456789abcdef:NotARealSignatureButLongEnough123"
    assert Client().get(f"/anmeldung/{token}/").status_code == 404  # Django logs "Not Found: <path>"
    console = next(h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler)
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found: %s", (f"/anmeldung/{token}/",), None
    )
    output = io.StringIO()
    original = console.setStream(output)
    try:
        console.handle(record)
    finally:
        console.setStream(original)
    assert "Not Found: /anmeldung/[token]/" in output.getvalue()
    assert token not in output.getvalue()
