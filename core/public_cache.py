"""Rendered public pages, cached under the public version held in the database, and answered with
304 when the visitor's copy is current.

A page is cached under (version, next moment at which time alone changes it, language, path with
query, HTMX fragment or not, deployment fingerprint). `PublicVersion.number` is bumped by database
triggers in the same transaction as any write to a table a public page shows, so the next request
on every app server reads the new number and renders afresh; nothing waits for a timer. What
changes only because time passes (an offer starts, a registration deadline ends) is answered by
the hook `public_pages_next_change` (now -> the next such moment or None): once it is reached the
key changes too.

Never cached, never answered with 304: anything but GET/HEAD, logged-in visitors, requests with
messages waiting, and responses that set a cookie, used a CSRF token, touched the session or are
not a plain 200. The store itself is the per-process cache ("default"); only the version is shared.
A process that sees a new version clears its "default" cache first, so the per-process read caches
(the municipality index of `regions.queries`) never feed a page rendered for the new version.
"""

import hashlib
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags

from core.middleware import holds_personal_data
from core.registry import hook_answers

TRIGGER_PREFIX = "sfi_public_version"
# The row is put back if it is gone (a flushed or partly restored database): without it every bump would
# change nothing, and cached pages would never be renewed.
BUMP_SQL = (
    "INSERT INTO core_publicversion (id, number) VALUES (1, 0) ON CONFLICT (id) DO NOTHING; "
    "UPDATE core_publicversion SET number = number + 1 WHERE id = 1;"
)
PG_FUNCTION = "sfi_bump_public_version"
_TTL_SECONDS = 24 * 3600  # only to let the per-process store forget pages nobody asks for
_HEADERS_KEPT = ("Content-Type", "Content-Language", "Vary")

# bench/profile_pages.py --cold sets this to measure rendering without the cache.
disabled_for_profiling = False

_moment = {"version": None, "until": None}
_seen = {"version": None}


def current_version():
    """The shared version number: one primary-key read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM core_publicversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def _next_change(now):
    moments = [moment for answer in hook_answers("public_pages_next_change") if (moment := answer(now=now))]
    return min(moments) if moments else None


def time_epoch(version, now=None):
    """The moment up to which pages of this version stay true, recomputed per process only when the
    version changed or that moment has passed (one query then, none otherwise)."""
    now = now or timezone.now()
    until = _moment["until"]
    if _moment["version"] != version or (until is not None and now >= until):
        _moment.update(version=version, until=_next_change(now))
    until = _moment["until"]
    return until.isoformat() if until else "-"


def _fingerprint():
    """Changes when a deployment changes templates, translations or static files (a restart clears
    the store anyway; this keeps visitors' ETags from outliving the release)."""
    if "value" not in _FINGERPRINT:
        digest = hashlib.sha256()
        roots = [Path(settings.BASE_DIR)]
        for root in roots:
            for pattern in ("*/templates/**/*.html", "templates/**/*.html", "*/locale/*/LC_MESSAGES/*.mo"):
                for path in sorted(root.glob(pattern)):
                    stat = path.stat()
                    digest.update(f"{path}:{stat.st_mtime_ns}:{stat.st_size}".encode())
        manifest = Path(settings.STATIC_ROOT or "", "staticfiles.json")
        if manifest.is_file():
            digest.update(manifest.read_bytes())
        _FINGERPRINT["value"] = digest.hexdigest()[:16]
    return _FINGERPRINT["value"]


_FINGERPRINT = {}


def _has_waiting_messages(request):
    if request.COOKIES.get("messages"):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and request.COOKIES.get(settings.SESSION_COOKIE_NAME) and session.get("_messages"))


def _cacheable_request(request):
    if disabled_for_profiling or request.method not in ("GET", "HEAD"):
        return False
    return not holds_personal_data(request) and not _has_waiting_messages(request)


def _storable(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(getattr(request, "session", None), "modified", False)
        and "no-store" not in response.get("Cache-Control", "")
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request, version):
    parts = [
        str(version),
        time_epoch(version),
        translation.get_language() or "",
        request.get_full_path(),
        "fragment" if request.headers.get("HX-Request") and not request.headers.get("HX-Boosted") else "page",
        _fingerprint(),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def _finish(response, etag):
    response["ETag"] = etag
    # Browsers and proxies keep the page but ask each time; the answer is then a 304 without rendering.
    patch_cache_control(response, no_cache=True)
    patch_vary_headers(response, ["Cookie", "HX-Request"])
    return response


def public_page(view):
    """Decorator for a public GET view whose page is the same for every anonymous visitor."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        version = current_version()
        if version != _seen["version"]:
            # Something changed: drop this process's read caches ("default": pages of older versions,
            # the municipality index) so that nothing rendered from now on uses data from before.
            cache.clear()
            _seen["version"] = version
        key = _key(request, version)
        etag = f'"{key}"'
        # GZip middleware weakens the tag of a compressed answer (W/"…"): the same page either way.
        sent = {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}
        if etag in sent:
            return _finish(HttpResponseNotModified(), etag)
        stored = cache.get("public-page:" + key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            return _finish(response, etag)
        response = view(request, *args, **kwargs)
        if _storable(request, response):
            headers = {name: response[name] for name in _HEADERS_KEPT if name in response}
            cache.set("public-page:" + key, (response.content, headers), _TTL_SECONDS)
            return _finish(response, etag)
        return response

    return wrapper


# --- triggers (used by migrations) ------------------------------------------------------------


def _trigger_name(table, operation=""):
    return f"{TRIGGER_PREFIX}_{table}{'_' + operation.lower() if operation else ''}"


def add_triggers(app_label, models=None, columns=None):
    """Migration operation: writes to the app's tables bump the public version. Every table of the app
    (m2m tables included), or only those of the named `models` (what public pages show of an app that
    also holds data no public page shows: fewer bumps, fewer locks on the version row). `columns` names,
    per model, the only fields whose update counts (e.g. a booking's status, not its check-in)."""
    from django.db import migrations

    def forward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table, watched in _tables(apps, app_label, models, columns or {}):
            for statement in _create_sql(vendor, table, watched):
                schema_editor.execute(statement)

    def backward(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for table, _watched in _tables(apps, app_label, models, columns or {}):
            for statement in _drop_sql(vendor, table):
                schema_editor.execute(statement)

    return migrations.RunPython(forward, backward)


def _tables(apps, app_label, models, columns):
    """(table, the quoted columns whose update counts, or "" for every update) per chosen model."""
    config = apps.get_app_config(app_label)
    chosen = [config.get_model(name) for name in models] if models else config.get_models(include_auto_created=True)
    tables = {}
    for model in chosen:
        fields = columns.get(model.__name__, ())
        tables[model._meta.db_table] = ", ".join(f'"{model._meta.get_field(name).column}"' for name in fields)
    return sorted(tables.items())


def _create_sql(vendor, table, watched=""):
    update = f"UPDATE OF {watched}" if watched else "UPDATE"
    if vendor == "postgresql":
        return [
            f'DROP TRIGGER IF EXISTS {_trigger_name(table)} ON "{table}"',
            f'CREATE TRIGGER {_trigger_name(table)} AFTER INSERT OR {update} OR DELETE OR TRUNCATE ON "{table}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()",
        ]
    return [
        f'CREATE TRIGGER IF NOT EXISTS {_trigger_name(table, op)} AFTER {clause} ON "{table}" BEGIN {BUMP_SQL} END'
        for op, clause in (("INSERT", "INSERT"), ("UPDATE", update), ("DELETE", "DELETE"))
    ]


def _drop_sql(vendor, table):
    if vendor == "postgresql":
        return [f'DROP TRIGGER IF EXISTS {_trigger_name(table)} ON "{table}"']
    return [f"DROP TRIGGER IF EXISTS {_trigger_name(table, op)}" for op in ("INSERT", "UPDATE", "DELETE")]


def create_version_row(apps, schema_editor):
    apps.get_model("core", "PublicVersion").objects.create(id=1, number=0)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN {BUMP_SQL} RETURN NULL; END $$"
        )


def drop_version_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()")
