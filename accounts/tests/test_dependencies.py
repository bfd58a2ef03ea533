"""accounts is below audit: audit imports accounts (roles), accounts announces what happens to
accounts (accounts.signals) and audit records it. No module of accounts imports audit, also not
inside a function (its tests read the audit rows the announcements lead to)."""

import ast
from pathlib import Path

import pytest

ACCOUNTS = Path(__file__).resolve().parents[1]


def imported_modules(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_accounts_imports_nothing_of_audit():
    found = [
        f"{path.relative_to(ACCOUNTS.parent)}: {name}"
        for path in ACCOUNTS.rglob("*.py")
        if "tests" not in path.relative_to(ACCOUNTS).parts
        for name in imported_modules(path)
        if name == "audit" or name.startswith("audit.")
    ]
    assert found == []


@pytest.mark.django_db
def test_what_accounts_announces_reaches_the_audit_log(team):
    from accounts.signals import announce
    from audit.models import Entry

    announce(actor=team, action="account.logout", target=team)
    entry = Entry.objects.get()
    assert (entry.action, entry.actor, entry.target_id) == ("account.logout", team, str(team.pk))
