"""Imports between a service, its background jobs and the mail delivery run one way.

A service enqueues its own app's jobs by the task's dotted name, because the task module imports
the service; in `mail`, services → tasks → delivery (docs/architecture.md). Every import counts,
also one inside a function body: it is still an edge of the import graph.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(path: Path) -> set[str]:
    """Every module name `path` imports, with each imported name (`from a import b` gives a, a.b)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def module_path(name: str) -> Path:
    return ROOT / (name.replace(".", "/") + ".py")


def test_no_app_s_services_and_tasks_import_each_other():
    pairs = [(path.parent.name, path.parent / "services.py") for path in ROOT.glob("*/tasks.py")]
    assert len(pairs) >= 5  # accounts, core, documents, mail, privacy, registrations
    circles = [
        app
        for app, services in pairs
        if services.exists()
        and f"{app}.tasks" in imports(services)
        and f"{app}.services" in imports(module_path(f"{app}.tasks"))
    ]
    assert circles == []


def test_mail_imports_run_from_services_to_tasks_to_delivery():
    assert "mail.tasks" in imports(module_path("mail.services"))
    assert "mail.delivery" in imports(module_path("mail.tasks"))
    assert "mail.services" not in imports(module_path("mail.tasks"))
    assert not {"mail.services", "mail.tasks"} & imports(module_path("mail.delivery"))
