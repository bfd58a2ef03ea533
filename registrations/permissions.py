"""Who may see a registration: whoever holds its personal link (the signed token is the key).

Staff access to participant lists is decided in the back office's permissions."""

from django.http import Http404

from registrations.tokens import registration_for_personal_token


def registration_from_link(token):
    """The registration behind a personal link; 404 for a tampered, unknown or anonymised one."""
    registration = registration_for_personal_token(token)
    if registration is None:
        raise Http404
    return registration
