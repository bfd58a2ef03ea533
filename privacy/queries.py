"""Reads of the privacy app that other apps use."""

from privacy.models import PrivacyNotice


def current_notice(now=None):
    """The privacy notice in force now (the newest published version), or None before the first."""
    return PrivacyNotice.objects.published(now).order_by("-version").first()
