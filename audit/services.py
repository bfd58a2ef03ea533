"""Write entries to the audit log. Call `record` inside the transaction of the change it describes."""

from accounts.permissions import role_of
from audit.models import Entry

_ALLOWED_SCALARS = (int, bool, float, type(None))


def _check_details(value, path="details"):
    """Details hold ids, counts, codes and field names; refuse anything that looks like contact data."""
    if isinstance(value, dict):
        for key, item in value.items():
            _check_details(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for item in value:
            _check_details(item, path)
    elif isinstance(value, str):
        if "@" in value or len(value) > 120:
            raise ValueError(f"{path}: audit details must not carry personal data or free text")
    elif not isinstance(value, _ALLOWED_SCALARS):
        raise ValueError(f"{path}: only ids, numbers, codes and field names belong in audit details")


def record(*, actor, action, target, details=None, request=None):
    """Store who did `action` to `target` (a model instance or None), in which role, when.

    `details` is a small dict of ids, counts and field names; never names, e-mails or text.
    `request` adds the page (URL name) it happened on; IP addresses are not stored.
    """
    details = dict(details or {})
    _check_details(details)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    view_name = ""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        view_name = match.view_name or ""
    return Entry.objects.create(
        actor=actor,
        # The role the account acted in: a superuser's rights are an admin's, whatever its role field says.
        actor_role=role_of(actor) or "" if actor else "",
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        details=details,
        view_name=view_name[:120],
    )
