from accounts.models import User
from accounts.permissions import has_completed_login


def can_browse_audit_log(user) -> bool:
    """Only administrators read the log (it shows who worked on which personal data)."""
    return has_completed_login(user) and (user.is_superuser or user.role == User.Role.ADMIN)
