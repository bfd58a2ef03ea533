"""What a token may do. Each scope says who may put it on a token; apps above `api` add their own
through the hook `api_scopes` (see docs/architecture.md, "REST API")."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.permissions import can_use_back_office, is_partner, is_team, is_trainer
from core.registry import announce
from reports.permissions import can_read_reports


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    allowed: Callable  # (user) -> bool: may this account put the scope on its own token


BUILT_IN = [
    Scope("events:read", _("Veranstaltungen lesen, die das Konto sieht (mit Zahlen)"), can_use_back_office),
    Scope(
        "participants:read",
        _("Teilnehmer_innen und Warteliste lesen (wo das Konto Namen sehen darf)"),
        lambda user: is_team(user) or is_trainer(user) or is_partner(user),
    ),
    Scope("checkin:write", _("Anwesenheit eintragen"), lambda user: is_team(user) or is_trainer(user)),
    Scope("reports:read", _("Berichte für Fördermittelgeber lesen (nur Summen)"), can_read_reports),
]


def all_scopes() -> list[Scope]:
    extra = [scope for answer in announce("api_scopes") for scope in answer]
    return BUILT_IN + extra


def scopes_for(user) -> list[Scope]:
    """The scopes this account may choose for a new token."""
    return [scope for scope in all_scopes() if scope.allowed(user)]
