"""Test builders for the API: a token for an account, and a client that sends it."""

from django.test import Client

from api.services import create_token


def make_token(user, scopes=("events:read",), days=30, name="Test"):
    """(token, secret) for `user`; the user object passed in needs a completed login for the
    audit role, which make_user's accounts have."""
    return create_token(actor=user, name=name, scopes=list(scopes), days=days)


def token_client(secret):
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
