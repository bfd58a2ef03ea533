"""Single-use survey tokens: random, sent once by mail, stored only as a SHA-256 hash."""

import hashlib
import secrets


def new_token():
    return secrets.token_urlsafe(32)


def token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
