"""`manage.py check --deploy` says when rate limits would be counted per process."""

import os
import subprocess
import sys

from django.conf import settings
from django.core.checks import run_checks
from django.test import override_settings

LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "check"}
REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}


def deploy_warnings():
    return {message.id for message in run_checks(include_deployment_checks=True) if message.id.startswith("core.")}


def test_per_process_rate_limit_counters_are_reported_unless_the_site_runs_as_one_process():
    caches = {**settings.CACHES}
    with override_settings(CACHES={**caches, "ratelimit": LOCMEM}, SINGLE_PROCESS=False):
        assert deploy_warnings() == {"core.W001"}
    with override_settings(CACHES={**caches, "ratelimit": LOCMEM}, SINGLE_PROCESS=True, WEB_CONCURRENCY=1):
        assert deploy_warnings() == set()
    with override_settings(CACHES={**caches, "ratelimit": LOCMEM}, SINGLE_PROCESS=True, WEB_CONCURRENCY=4):
        assert deploy_warnings() == {"core.W002"}  # one process said, four gunicorn workers configured
    with override_settings(CACHES={**caches, "ratelimit": REDIS}, SINGLE_PROCESS=False, WEB_CONCURRENCY=4):
        assert deploy_warnings() == set()


def test_the_deploy_check_with_production_settings_and_no_redis_fails(tmp_path):
    """What bin/test runs, minus its statement that the site runs as one process."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "SINGLE_PROCESS", "DEBUG"}}
    env.update(
        SECRET_KEY="check-deploy-test-not-a-real-key-but-long-enough-for-django-0123456789",
        ALLOWED_HOSTS="example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'check.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "core.W001" in result.stderr and "REDIS_URL" in result.stderr and "SINGLE_PROCESS" in result.stderr
