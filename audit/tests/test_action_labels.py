"""Every action code an installed app records has a label on the log page, declared by an app
(`AUDIT_ACTIONS` in its contributions module): no list of apps here, a new app is covered as soon
as it is installed."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

from core import registry

ROOT = Path(settings.BASE_DIR).resolve()
CODE = re.compile(r"[a-z_]+\.[a-z_]+")
# Keywords that carry an audit action code: `record(action=…)`, `start_mailing(audit_action=…)`, and
# helpers that pass `action=` on to `record`.
KEYWORDS = {"action", "audit_action"}


def our_apps():
    """Installed apps whose code lives in this repository (not the third-party ones)."""
    return [config for config in apps.get_app_configs() if ROOT in Path(config.path).resolve().parents]


def source_files(config):
    for path in Path(config.path).rglob("*.py"):
        if not {"tests", "migrations"} & set(path.relative_to(config.path).parts):
            yield path


def recorded_codes(path):
    """(code, line) for every action code a call in `path` names; an f-string code is refused,
    because no test could see which codes it makes (write each code out)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            if keyword.arg not in KEYWORDS or isinstance(keyword.value, ast.Lambda):
                continue
            for part in ast.walk(keyword.value):
                if isinstance(part, ast.JoinedStr):
                    found.append((f"<f-string at {path.name}:{part.lineno}>", part.lineno))
                elif isinstance(part, ast.Constant) and isinstance(part.value, str) and CODE.fullmatch(part.value):
                    found.append((part.value, part.lineno))
    return found


def test_the_scan_covers_every_app_that_declares_contributions():
    scanned = {config.label for config in our_apps()}
    assert {contribution.app for contribution in registry.contributions()} <= scanned


def test_every_recorded_action_has_a_label_for_the_log_page():
    labels = registry.audit_labels()
    missing = [
        f"{path.relative_to(ROOT)}:{line}: {code}"
        for config in our_apps()
        for path in source_files(config)
        for code, line in recorded_codes(path)
        if code not in labels
    ]
    assert missing == []


def test_the_scan_finds_codes_passed_on_through_helpers():
    codes = {code for config in our_apps() for path in source_files(config) for code, _ in recorded_codes(path)}
    # A conditional code, a code passed to a mailing helper, a code passed on by a view helper.
    assert {"venue.created", "venue.changed", "participants.messaged", "participants.exported"} <= codes
    assert {"privacy.self_viewed", "account.logout", "initiative.approved", "initiative.rejected"} <= codes
