"""A log filter that keeps personal-link tokens out of log output.

A personal link is a capability: whoever has it opens that person's registration. Django logs
the path of every 4xx/5xx response, so the token part of such paths is replaced before any
handler writes the record.
"""

import logging
import re

# Every route whose path carries a personal-link token, with or without the /en prefix: registrations
# (/anmeldung/…), privacy (/datenschutz/meine-daten/…), feedback, training requests, newsletter,
# Suche/Biete, and a conference badge's check-in link. deploy/nginx/sfi.conf masks the same list;
# tests/security/test_logs.py walks the URLconf, so a new route with a token fails until it is here.
TOKEN_IN_PATH = re.compile(
    r"(/(?:anmeldung/bestaetigen|anmeldung|datenschutz/meine-daten|feedback"
    r"|schulung-anfragen/bestaetigen|schulung-anfragen/anfrage|newsletter/abmelden|newsletter/abo"
    r"|newsletter/bestaetigen|suche-biete/benachrichtigung/abbestellen|suche-biete/benachrichtigung/bestaetigen"
    r"|suche-biete/bestaetigen|suche-biete/mein-beitrag|team/veranstaltungen/[0-9]+/programm/einlass)/)"
    r"(?!link/)[^/\s?\"']+"
)
# /konto/passwort-neu/<uid>/<token>/ (a password reset or set-up link): account id and token go.
RESET_LINK_IN_PATH = re.compile(r"(/konto/passwort-neu/)(?!fertig/)[^\s?\"']+")
REDACTED = r"\1[token]"


def redact(text: str) -> str:
    return RESET_LINK_IN_PATH.sub(REDACTED + "/", TOKEN_IN_PATH.sub(REDACTED, text))


class RedactTokens(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True
