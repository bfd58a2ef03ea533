"""Security headers and personal data in logs, measured on the production server (issue 6).

    python bench/headers.py [--database-url postgres://postgres@127.0.0.1:5432/postgres]

Starts gunicorn with production settings (fresh database, SECURE_SSL_REDIRECT=0, every request
sent with `X-Forwarded-Proto: https` as a TLS-terminating proxy would), fetches public, staff and
error pages, runs a short flow with planted personal data (a failed login, a registration if the
registrations app is installed, a lost-link request) with the server log at DEBUG, and counts
the planted e-mail address, phone number and name in everything the server logged.

Last line: headers: csp_strict=… hsts=… nosniff=… referrer=… frame=… pii_in_logs=N
"""

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._harness import PYTHON, ROOT, free_port, fresh_database, manage, production_env, wait_until_up

PERSON = {"name": "Zofia Bench-Wrobel", "email": "zofia.bench-wrobel@example.org", "phone": "0351 4471 9923"}
HTTPS = {"X-Forwarded-Proto": "https"}
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


def csp_is_strict(csp):
    directives = {}
    for part in csp.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.split()
    return (
        directives.get("script-src") == ["'self'"]
        and directives.get("object-src") == ["'none'"]
        and directives.get("frame-ancestors") == ["'none'"]
        and "unsafe" not in csp
    )


def check_headers(response):
    headers = response.headers
    return {
        "csp_strict": csp_is_strict(headers.get("content-security-policy", "")),
        "hsts": int(re.search(r"max-age=(\d+)", headers.get("strict-transport-security", "max-age=0")).group(1))
        >= 15_552_000,
        "nosniff": headers.get("x-content-type-options") == "nosniff",
        "referrer": headers.get("referrer-policy") in {"same-origin", "no-referrer", "strict-origin"},
        "frame": headers.get("x-frame-options") == "DENY"
        and "frame-ancestors 'none'" in headers.get("content-security-policy", ""),
    }


def cookies_are_strict(response):
    """Every cookie the server sets is Secure, HttpOnly and has a SameSite attribute."""
    cookies = response.headers.get_list("set-cookie")
    return all("secure" in c.lower() and "httponly" in c.lower() and "samesite=" in c.lower() for c in cookies), len(
        cookies
    )


def form_fields(html):
    """The named inputs of the first POST form on a page, with their default values."""
    form = re.search(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S | re.I)
    if not form:
        return None
    fields = {}
    for tag in re.finditer(r"<(input|select|textarea)\b([^>]*)>", form.group(1), re.I):
        attrs = dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag.group(2)))
        if "name" in attrs and attrs.get("type") not in {"submit", "checkbox", "radio"}:
            fields[attrs["name"]] = attrs.get("value", "")
        elif attrs.get("type") == "checkbox" and "name" in attrs:
            fields.setdefault("_checkboxes", []).append(attrs["name"])
    return fields


def setup_data(env):
    """A published event (and, if the registrations app exists, nothing else: the flow registers)."""
    script = (
        "from events.testing import make_event; "
        "e = make_event(title='Bench-Schulung Sicherheit', place='Pirna', days_ahead=20); print(e.get_absolute_url())"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout.strip().splitlines()[-1]


def https(url):
    """The Referer a browser on the HTTPS site sends (Django checks it on secure POSTs)."""
    return str(url).replace("http://", "https://", 1)


def post(client, url, data, referer):
    """POST as a browser behind TLS would: the cookies are Secure, so httpx (speaking plain HTTP to
    the proxy-less server) would hold them back; send them explicitly."""
    cookie = "; ".join(f"{c.name}={c.value}" for c in client.cookies.jar)
    return client.post(url, data=data, headers={"Referer": https(referer), "Cookie": cookie})


def confirmation_path(env):
    """The confirmation link from the outbox, as the person would click it in the mail."""
    script = (
        "import re; from mail.models import OutboxMessage; "
        f"m = OutboxMessage.objects.filter(to={PERSON['email']!r}).order_by('id').first(); "
        "print(re.search(r'/anmeldung/bestaetigen/[^/\\s]+/', m.text).group(0) if m else '')"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    lines = out.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def run_self_service(client, env, results):
    """Confirm the address, open the personal page, the data page and the JSON, then erase."""
    path = confirmation_path(env)
    if not path:
        return 0
    page = client.get(path)  # the link only opens a page; its button confirms
    fields = form_fields(page.text) or {}
    fields.pop("_checkboxes", None)
    personal = post(client, path, fields, page.url)
    token = re.search(r"/anmeldung/([^/]+)/", str(personal.url))
    results["personal_page"] = personal.status_code
    if not token or "/bestaetigen/" in str(personal.url):
        return 1
    client.get(f"/datenschutz/meine-daten/{token.group(1)}/")
    client.get(f"/datenschutz/meine-daten/{token.group(1)}/daten.json")
    erase_url = f"/datenschutz/meine-daten/{token.group(1)}/loeschen/"
    confirm_page = client.get(erase_url)
    fields = form_fields(confirm_page.text) or {}
    fields.pop("_checkboxes", None)
    erased = post(client, erase_url, fields, confirm_page.url)
    results["erased"] = "geloescht" in str(erased.url)
    return 2 + results["erased"]


def run_flow(client, event_url, results):
    """The main flows with planted personal data; returns how many steps ran."""
    steps = 0
    login = client.get("/konto/anmelden/")
    if login.status_code == 200 and (fields := form_fields(login.text)) is not None:
        fields.update({"username": PERSON["email"], "email": PERSON["email"], "password": "wrong-password-123"})
        fields.pop("_checkboxes", None)
        response = post(client, "/konto/anmelden/", fields, login.url)
        results["failed_login"] = response.status_code
        steps += response.status_code < 400
    event_page = client.get(event_url)
    link = re.search(r'href="([^"]*anmeld[^"]*)"', event_page.text)
    form_url = link.group(1) if link else event_url
    page = client.get(form_url)
    fields = form_fields(page.text)
    if fields is not None and any(name in fields for name in ("email", "name", "first_name")):
        checkboxes = fields.pop("_checkboxes", [])
        given, _, family = PERSON["name"].partition(" ")
        fields.update({"name": PERSON["name"], "first_name": given, "last_name": family, "email": PERSON["email"]})
        fields.update({"phone": PERSON["phone"], "municipality": "Pirna", "organisation": "Bench-Initiative"})
        fields.update({"role": "volunteer", "company": ""})
        for box in checkboxes:
            if "consent" in box or "privacy" in box:
                fields[box] = "on"
        response = post(client, str(page.url), fields, page.url)
        results["registration"] = "sent" if "gesendet" in str(response.url) else response.status_code
        steps += results["registration"] == "sent"
    for lost_link_url in ("/anmeldung/link/", "/anmeldungen/link/"):
        page = client.get(lost_link_url)
        if page.status_code == 200 and (fields := form_fields(page.text)) is not None:
            fields.pop("_checkboxes", None)
            fields["email"] = PERSON["email"]
            response = post(client, lost_link_url, fields, page.url)
            results["lost_link"] = response.status_code
            steps += response.status_code < 400
            break
    return steps


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL server to create a throwaway database on")
    args = parser.parse_args()
    import httpx

    with fresh_database(args.database_url) as database_url, tempfile.TemporaryDirectory() as tmp:
        env = production_env(database_url, LOG_LEVEL="DEBUG", ALLOWED_HOSTS="127.0.0.1")
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        event_url = setup_data(env)
        log_path = Path(tmp) / "server.log"
        port = free_port()
        with log_path.open("w") as log:
            server = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "sfi.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
                + ["--log-level", "debug", "--access-logfile", "-", "--error-logfile", "-"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            base = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(base)
                results, checks = {}, []
                with httpx.Client(base_url=base, headers=HTTPS, timeout=30, follow_redirects=True) as client:
                    pages = [
                        "/",
                        "/veranstaltungen/",
                        event_url,
                        "/en/veranstaltungen/",
                        "/datenschutz/",
                        "/admin/login/",
                        "/konto/anmelden/",
                        "/seite-gibt-es-nicht/",
                        "/.well-known/security.txt",
                    ]
                    for path in pages:
                        response = client.get(path)
                        checks.append((path, response.status_code, check_headers(response)))
                    cookie_checks = [cookies_are_strict(client.get(p)) for p in ("/admin/login/", "/konto/anmelden/")]
                    cookie_ok = all(ok for ok, _ in cookie_checks)
                    cookie_count = sum(count for _, count in cookie_checks)
                    steps = run_flow(client, event_url, results)
                    steps += run_self_service(client, env, results)
            finally:
                server.terminate()
                server.wait(timeout=20)
        log_text = log_path.read_text()

    summary = {key: all(c[2][key] for c in checks) for key in ("csp_strict", "hsts", "nosniff", "referrer", "frame")}
    for path, status, flags in checks:
        failed = [k for k, ok in flags.items() if not ok]
        print(f"{status} {path} {'ok' if not failed else 'MISSING ' + ','.join(failed)}")
    planted = [PERSON["email"], PERSON["phone"], PERSON["name"], PERSON["name"].split()[-1]]
    pii = sum(log_text.count(value) for value in planted)
    stray_emails = [m for m in EMAIL_RE.findall(log_text) if m not in planted]
    print(f"cookies: {cookie_count} set, all Secure+HttpOnly+SameSite={str(cookie_ok).lower()}")
    print(f"flow: {steps} steps with planted personal data; {results}; log lines: {len(log_text.splitlines())}")
    if stray_emails:
        print(f"other e-mail-like strings in the log: {sorted(set(stray_emails))}")
    flags = " ".join(f"{key}={str(value).lower()}" for key, value in summary.items())
    print(f"headers: {flags} pii_in_logs={pii}")


if __name__ == "__main__":
    main()
