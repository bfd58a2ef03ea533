"""The import contracts of pyproject.toml ([tool.importlinter], run by bin/test) hold, and they bite.

Each contract is shown failing on a copy of the code with one deliberately added forbidden import,
so a contract that silently stopped matching anything (a renamed app, a typo) fails here.
"""

import shutil
import subprocess  # nosec B404 - runs our own lint-imports on a copy of our code
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # nosec B603 - fixed arguments
        [str(LINT_IMPORTS), "--no-cache", "--config", str(cwd / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": str(LINT_IMPORTS.parent), "PYTHONPATH": str(cwd), "COLUMNS": "250"},
        timeout=120,
    )


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory):
    """The Python code of every app (no templates, data or tests), and the contracts."""
    copy = tmp_path_factory.mktemp("code")
    for package in CONFIG["root_packages"]:
        shutil.copytree(
            ROOT / package,
            copy / package,
            ignore=shutil.ignore_patterns("tests", "templates", "static", "locale", "data"),
        )
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    return copy


def test_the_code_keeps_every_contract(code_copy):
    result = lint_imports(code_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(CONFIG['contracts'])} kept, 0 broken." in result.stdout


LEAVES = "The leaves (core, regions, mail) import nothing of ours"


@pytest.mark.parametrize(
    ("module", "forbidden_import", "contract"),
    [
        ("core/probe.py", "import registrations.models", LEAVES),
        (
            "mail/probe.py",
            "from accounts.models import User",
            "The leaves (core, regions, mail) import nothing of ours",
        ),
        ("events/probe.py", "import demo.seeders", "Nobody imports demo"),
        ("backoffice/probe.py", "import events.models", "The back office is a frame"),
        ("events/probe.py", "import participants.models", "Apps in layers"),
        ("privacy/probe.py", "def later():\n    import registrations.models", "Apps in layers"),
        ("registrations/models_probe.py", "", None),  # a new module alone breaks nothing
        ("registrations/services.py", "import registrations.views", "Inside each app"),
        ("documents/services.py", "import documents.tasks", "Inside each app"),  # jobs import services
        ("mail/delivery.py", "import mail.services", "mail: services enqueue tasks"),
    ],
)
def test_a_forbidden_import_breaks_its_contract(code_copy, module, forbidden_import, contract):
    path = code_copy / module
    original = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text((original or "") + "\n" + forbidden_import + "\n", encoding="utf-8")
    try:
        result = lint_imports(code_copy)
    finally:
        if original is None:
            path.unlink()
        else:
            path.write_text(original, encoding="utf-8")
    if contract is None:
        assert result.returncode == 0, result.stdout
        return
    assert result.returncode == 1, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN") or " BROKEN (" in line]
    assert any(line.startswith(contract) for line in broken), result.stdout


def test_every_app_of_ours_is_under_the_contracts(settings):
    """A new app must take its place in the layers: otherwise no contract would look at it."""
    ours = {name.split(".")[0] for name in settings.INSTALLED_APPS if (ROOT / name.split(".")[0]).is_dir()}
    layers = next(contract for contract in CONFIG["contracts"] if contract["id"] == "layers")["layers"]
    layered = {app.strip() for layer in layers for app in layer.split("|")}
    assert ours <= set(CONFIG["root_packages"])
    assert ours - {"sfi"} <= layered
