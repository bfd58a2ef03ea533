"""Deployment checks of our own (`manage.py check --deploy`, run by bin/test with production settings)."""

from django.conf import settings
from django.core import checks

# Caches whose counters live in one process's memory (or nowhere): every worker counts alone.
_PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}


@checks.register(checks.Tags.caches, deploy=True)
def rate_limits_are_shared(app_configs, **kwargs):
    """Rate limits (core.guards.over_limit) only hold if every process counts in the same place."""
    cache = settings.CACHES.get(settings.RATELIMIT_USE_CACHE, {})
    if cache.get("BACKEND") not in _PER_PROCESS_CACHES:
        return []
    if not settings.SINGLE_PROCESS:
        return [
            checks.Warning(
                "Rate limits are counted in each process's own memory: with several gunicorn workers or "
                "app servers, each one allows the full rate.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) so every process shares the counters, "
                "or SINGLE_PROCESS=1 if the site runs as exactly one process.",
                id="core.W001",
            )
        ]
    if settings.WEB_CONCURRENCY > 1:
        return [
            checks.Warning(
                f"SINGLE_PROCESS=1, but WEB_CONCURRENCY={settings.WEB_CONCURRENCY} starts that many gunicorn "
                "workers, each counting rate limits on its own.",
                hint="Set REDIS_URL, or run one worker (WEB_CONCURRENCY=1).",
                id="core.W002",
            )
        ]
    return []


@checks.register()
def contributions_are_consistent(app_configs, **kwargs):
    """Every app's contributions module (core.registry) declares each key once and only known hooks."""
    from core import registry

    return [checks.Error(problem, id="core.E001") for problem in registry.problems()]
