"""The deployment files in deploy/ pass the servers' own checks, and the nginx site keeps its promises.

`deploy/check` runs `nginx -t` on deploy/nginx/sfi.conf and `systemd-analyze verify` on the units
(it installs nginx with apt-get when missing and run as root). The second test serves the real
site configuration with nginx in front of a small stand-in for gunicorn and reads what nginx
does: personal-link tokens and query strings never reach its access log, the client address
reaches the app in X-Real-IP whatever the client claims, the app's responses are not compressed
by the proxy (BREACH, docs/security.md), static files are, and http redirects to https.
"""

import gzip
import http.client
import json
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CHECK = ROOT / "deploy" / "check"
HOST = "sfi.example.org"
TOKEN = "SeCrEt-ToKeN-1a2b3c4d5e6f"
QUERY_SECRET = "mail=anna%40example.org"


def nginx_binary():
    return shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def can_get_nginx():
    return nginx_binary() is not None or (os.geteuid() == 0 and shutil.which("apt-get") is not None)


pytestmark = pytest.mark.skipif(
    not can_get_nginx(), reason="nginx is not installed and cannot be installed here (not root or no apt-get)"
)


@pytest.fixture(scope="module")
def checked():
    """deploy/check's output; it installs nginx if needed, so run it first."""
    result = subprocess.run([str(CHECK)], capture_output=True, text=True, timeout=600, check=False)
    return result


def test_deploy_check_passes(checked):
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.strip().endswith("deploy/check: ok")


def personal_link_paths():
    """Every URL of the app whose route carries a personal-link `token`, in German and English."""
    values = {"token": TOKEN, "uidb64": "MTIz", "slug": "kurs"}  # ids (pk, booking_id, slot_pk …): 7

    def walk(patterns, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, namespaces + ([pattern.namespace] if pattern.namespace else []))
            elif isinstance(pattern, URLPattern) and pattern.name and "token" in pattern.pattern.converters:
                yield ":".join([*namespaces, pattern.name]), list(pattern.pattern.converters)

    paths = set()
    for name, arguments in walk(get_resolver().url_patterns, []):
        for language in ("de", "en"):
            with translation.override(language):
                paths.add(reverse(name, kwargs={argument: values.get(argument, 7) for argument in arguments}))
    return sorted(paths)


class FakeApp(BaseHTTPRequestHandler):
    """Stands in for gunicorn: answers every path with an HTML page naming the headers it got."""

    def do_GET(self):
        seen = {name: self.headers.get(name) for name in ("X-Real-IP", "X-Forwarded-For", "X-Forwarded-Proto", "Host")}
        body = (json.dumps(seen) + "\n" + "<p>Seite mit CSRF-Token und persönlichem Link</p>\n" * 100).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port, deadline=15.0):
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on port {port}")


@pytest.fixture
def site(checked):
    """nginx with the rendered deploy/nginx/sfi.conf in front of FakeApp; yields (https port, http port, folder)."""
    if nginx_binary() is None:
        pytest.fail("deploy/check should have installed nginx: " + checked.stdout + checked.stderr)
    # Not under pytest's tmp_path (mode 0700): nginx's workers run as nobody when the test runs as root.
    tmp_path = Path(tempfile.mkdtemp(prefix="sfi-deploy-test-"))
    tmp_path.chmod(0o755)
    app = ThreadingHTTPServer(("127.0.0.1", 0), FakeApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    css = b"body { color: #222; }\n" * 200
    (static / "css" / "site.css").write_bytes(css)
    (static / "css" / "site.css.gz").write_bytes(gzip.compress(css))
    https_port, http_port = free_port(), free_port()
    folder = tmp_path / "nginx"
    env = {
        **os.environ,
        "SFI_CHECK_HTTPS_PORT": str(https_port),
        "SFI_CHECK_HTTP_PORT": str(http_port),
        "SFI_CHECK_UPSTREAM": f"127.0.0.1:{app.server_address[1]}",
        "SFI_CHECK_STATIC_ROOT": str(static),
        "SFI_CHECK_NO_IPV6": "1",
    }
    rendered = subprocess.run(
        [str(CHECK), "--render", str(folder)], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    conf = rendered.stdout.strip().splitlines()[-1]
    server = subprocess.Popen(
        [nginx_binary(), "-p", str(folder), "-e", str(folder / "log" / "error.log"), "-c", conf, "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        wait_for(https_port)
        yield https_port, http_port, folder
    finally:
        server.terminate()
        server.wait(timeout=10)
        app.shutdown()
        shutil.rmtree(tmp_path, ignore_errors=True)


class LocalHTTPSConnection(http.client.HTTPSConnection):
    """Connects to 127.0.0.1 but names the site in TLS (SNI): nginx refuses a handshake without it."""

    def connect(self):
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the throwaway self-signed certificate of deploy/check
        self.sock = context.wrap_socket(
            socket.create_connection(("127.0.0.1", self.port), self.timeout), server_hostname=HOST
        )


def get(port, path, *, tls=True, headers=None):
    if tls:
        connection = LocalHTTPSConnection("127.0.0.1", port, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Host": HOST, **(headers or {})})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def access_log(folder):
    # nginx writes each line when the request ends; give it a moment.
    log = folder / "log" / "sfi-access.log"
    for _ in range(50):
        if log.exists() and log.read_text():
            break
        time.sleep(0.1)
    time.sleep(0.2)
    return log.read_text()


def test_nginx_masks_tokens_passes_the_client_address_and_leaves_compression_to_the_app(site):
    https_port, http_port, folder = site
    paths = personal_link_paths()
    assert len(paths) >= 10, paths  # registrations, privacy, certificates, feedback, password reset; de and en

    for path in paths:
        response, body = get(
            https_port,
            f"{path}?{QUERY_SECRET}",
            headers={"Accept-Encoding": "gzip", "X-Real-IP": "203.0.113.9", "X-Forwarded-For": "203.0.113.9"},
        )
        assert response.status == 200, path
        # The app decides about compression; the proxy never compresses its responses.
        assert response.getheader("Content-Encoding") is None, path
        seen = json.loads(body.decode().splitlines()[0])
        # The address the client connected from, not the one it claimed; https for SECURE_PROXY_SSL_HEADER.
        assert seen == {
            "X-Real-IP": "127.0.0.1",
            "X-Forwarded-For": "127.0.0.1",
            "X-Forwarded-Proto": "https",
            "Host": HOST,
        }

    static, body = get(https_port, "/static/css/site.css", headers={"Accept-Encoding": "gzip"})
    assert static.status == 200
    assert static.getheader("Content-Encoding") == "gzip"
    assert "max-age=31536000" in static.getheader("Cache-Control")
    assert static.getheader("X-Content-Type-Options") == "nosniff"
    assert gzip.decompress(body).startswith(b"body { color")

    redirect, _ = get(http_port, f"{paths[0]}?{QUERY_SECRET}", tls=False)
    assert redirect.status == 301
    assert redirect.getheader("Location").startswith(f"https://{HOST}/")

    log = access_log(folder)
    assert TOKEN not in log
    assert "anna" not in log
    assert "?" not in log
    assert "/anmeldung/[token]/ " in log or '/anmeldung/[token]/"' in log
    assert '/datenschutz/meine-daten/[token]/"' in log
    assert '/en/feedback/[token]/"' in log
    assert '/konto/passwort-neu/[token]/"' in log
    assert len(log.splitlines()) == len(paths) + 1  # the static file is not logged, the redirect is
