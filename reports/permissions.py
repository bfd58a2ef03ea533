"""Who may read reports: admin and team see everything; a partner organisation's account sees the
figures of the events it co-hosts (numbers only, there are no names in a report anyway)."""

from accounts.permissions import is_partner, is_team


def can_read_reports(user) -> bool:
    return is_team(user) or (is_partner(user) and bool(user.partner_organisation_id))


def partner_limit(user):
    """The partner organisation whose events bound the report, or None for the whole report."""
    return None if is_team(user) else user.partner_organisation_id
