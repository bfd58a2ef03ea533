"""Shared plumbing for the benchmarks: a throwaway database and the production server.

Every bench builds its own fresh database (a temporary SQLite file, or a new PostgreSQL
database created next to the one named by --database-url and dropped afterwards), runs
migrations, and serves the project with gunicorn using production settings.
"""

import contextlib
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def fresh_database(database_url: str | None):
    """Yield a DATABASE_URL for an empty database that is removed afterwards."""
    if not database_url:
        with tempfile.TemporaryDirectory(prefix="sfi-bench-") as tmp:
            yield f"sqlite:///{tmp}/bench.sqlite3"
        return
    import psycopg

    parts = urllib.parse.urlparse(database_url)
    name = f"sfi_bench_{os.getpid()}_{secrets.token_hex(3)}"
    admin_dsn = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def production_env(database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="0",
        SITE_URL="http://127.0.0.1",
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="sfi.settings",
    )
    env.update({k: str(v) for k, v in extra.items()})
    return env


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


@contextlib.contextmanager
def production_server(env: dict, *, workers: int = 1, port: int | None = None):
    """Run gunicorn with production settings; yield the base URL."""
    port = port or free_port()
    manage(env, "collectstatic", "--noinput")
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "sfi.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def wait_until_up(base: str, timeout: float = 30) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"server at {base} did not come up")


def time_requests(client, url: str, count: int) -> list[float]:
    """Sequential GETs; returns milliseconds per request (fails loudly on a non-200)."""
    durations = []
    for _ in range(count):
        started = time.perf_counter()
        response = client.get(url)
        durations.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return durations


def median(values) -> float:
    return round(statistics.median(values), 1)


def p95(values) -> float:
    ordered = sorted(values)
    return round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1)
