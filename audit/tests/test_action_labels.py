import re
from pathlib import Path

from django.conf import settings

from audit.actions import LABELS

ROOT = Path(settings.BASE_DIR)
APPS = [
    "accounts",
    "audit",
    "backoffice",
    "documents",
    "events",
    "feedback",
    "network",
    "participants",
    "privacy",
    "registrations",
]


def test_every_recorded_action_has_a_label_for_the_log_page():
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "tests" in path.parts:
                continue
            codes |= set(re.findall(r'action="([a-z_]+\.[a-z_]+)"', path.read_text(encoding="utf-8")))
    codes |= {"initiative.approved", "initiative.rejected"}  # recorded as f"initiative.{status}"
    assert sorted(codes - set(LABELS)) == []
