"""Who may read the audit log (built on the roles of `accounts.permissions`)."""

from accounts.permissions import is_admin


def can_browse_audit_log(user) -> bool:
    """Only administrators read the log (it shows who worked on which personal data)."""
    return is_admin(user)
