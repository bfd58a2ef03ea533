"""Starting the platform from a fresh clone the way the README says (bin/run, DATABASE_URL)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SITE_URL = "from django.conf import settings; print(settings.SITE_URL)"


def _environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"PORT", "SITE_URL", "DEBUG", "DJANGO_SETTINGS_MODULE"}}
    return {**env, **extra}


def _site_url_under_bin_run(**extra):
    """SITE_URL as the processes bin/run starts see it (bin/run sources bin/_dev_env.sh)."""
    script = f'source bin/_dev_env.sh && exec "{sys.executable}" manage.py shell -c "{PRINT_SITE_URL}"'
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, env=_environment(**extra), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_links_in_mails_follow_the_port_bin_run_serves_on():
    assert 'source "$ROOT/bin/_dev_env.sh"' in (ROOT / "bin" / "run").read_text()
    assert _site_url_under_bin_run(PORT="8080") == "http://127.0.0.1:8080"
    assert _site_url_under_bin_run() == "http://127.0.0.1:8000"
    assert _site_url_under_bin_run(PORT="8080", SITE_URL="https://sfi.example.org") == "https://sfi.example.org"


def test_a_sqlite_database_url_in_a_folder_that_does_not_exist_yet_works(tmp_path):
    # A fresh clone has no var/ folder; the relative path is taken from the working directory.
    env = _environment(DEBUG="1", DATABASE_URL="sqlite:///var/new/db.sqlite3")
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "mail"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "var" / "new" / "db.sqlite3").stat().st_size > 0
