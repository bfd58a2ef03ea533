"""The local SMTP catcher's storage: every received mail is one .eml file under MAIL_CATCHER_DIR.

Development only. File names carry the time and a random part, never an address, so they can
appear in URLs of the development mail view.
"""

import email
import email.policy
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings

from mail.parsed import ParsedMail

NAME_PATTERN = re.compile(r"^\d{8}T\d{6}\d{6}-[0-9a-f]{8}$")


@dataclass
class CaughtMail(ParsedMail):
    name: str
    received_at: datetime
    message: email.message.EmailMessage

    @property
    def attachments(self):
        """[(number from 1, filename, content type)]"""
        return [
            (number, _filename(part, number), part.get_content_type())
            for number, part in enumerate(self.message.iter_attachments(), start=1)
        ]

    def attachment(self, number):
        """(filename, content type, bytes) of the attachment with that number, or None."""
        for index, part in enumerate(self.message.iter_attachments(), start=1):
            if index == number:
                return _filename(part, number), part.get_content_type(), part.get_payload(decode=True) or b""
        return None


def _filename(part, number):
    # The catcher takes mail from anything on this machine: keep the last path segment, and no
    # control characters (a line break would break the Content-Disposition header).
    name = (part.get_filename() or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(character for character in name if character.isprintable()).strip()
    return name or f"anhang-{number}"


def directory():
    return Path(settings.MAIL_CATCHER_DIR)


def store(raw):
    """Write one received message; returns its name."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}"
    temporary = folder / f".{name}.tmp"
    temporary.write_bytes(raw)
    temporary.rename(folder / f"{name}.eml")  # atomic: the view never reads a half-written file
    return name


def load(name):
    if not NAME_PATTERN.match(name):
        return None
    path = directory() / f"{name}.eml"
    if not path.is_file():
        return None
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    received_at = datetime.strptime(name.split("-")[0], "%Y%m%dT%H%M%S%f").replace(tzinfo=UTC)
    return CaughtMail(name=name, received_at=received_at, message=message)


def newest(limit=100):
    folder = directory()
    if not folder.is_dir():
        return []
    names = sorted((path.stem for path in folder.glob("*.eml")), reverse=True)[:limit]
    return [mail for mail in (load(name) for name in names) if mail is not None]
