"""privacy reads what the apps declare (core.registry) and imports no feature app: not in its
modules, not inside a function, not in its tests. It may use core, accounts, audit and mail."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"core", "accounts", "audit", "mail", "privacy"}


def our_apps():
    return {path.parent.name for path in ROOT.glob("*/apps.py")}


def imported_apps(path):
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_privacy_imports_no_feature_app():
    forbidden = our_apps() - ALLOWED
    assert {"registrations", "events", "participants"} <= forbidden
    found = {
        f"{path.relative_to(ROOT)}: {app}"
        for path in (ROOT / "privacy").rglob("*.py")
        for app in imported_apps(path) & forbidden
    }
    assert sorted(found) == []
