"""What each app contributes to the whole platform, declared in its own `<app>/contributions.py`.

A new capability plugs in by creating its app, listing it in INSTALLED_APPS and declaring here
what it adds; no other app keeps a list of it. `core` reads the declarations of every installed
app (in INSTALLED_APPS order) the first time one is asked for, and `core.checks` validates them at
start-up. Every name is optional in a contributions module:

    MENU                   back-office navigation entries (`MenuEntry`)
    EVENT_TASKS            links on an event's back-office page (`EventTask`)
    DASHBOARD_PANELS       sections of the back-office dashboard (`DashboardPanel`)
    URLS                   the app's public URL confs, mounted by sfi/urls.py (`Urls`)
    STAFF_URLS             the app's staff URL conf, mounted under /team/ (`StaffUrls`)
    AUDIT_ACTIONS          {action code: label} for every action the app records in the audit log
    PROCESSING_ACTIVITIES  entries of the record of processing activities (`ProcessingActivity`)
    RETENTION_RULES        what the hourly retention job deletes or anonymises (`RetentionRule`)
    PERIODIC_TASKS         tasks `run_scheduler` enqueues at an interval (`PeriodicTask`; this
                           deployment's intervals: settings.PERIODIC_TASK_INTERVALS, `periodic_schedule()`)
    SITEMAPS               {section name: Sitemap class} for /sitemap.xml
    PERSONAL_DATA          what the app holds about a person, for access and erasure (`PersonalDataHolder`)
    ANNOUNCES              {hook name: what the announcer passes and expects back}: the hooks the
                           app announces with `announce(name, …)` (`hook_names()` lists them all)
    HOOKS                  {hook name: callable}: the app's answer when another app announces
                           something; called synchronously, in the announcer's transaction, in
                           INSTALLED_APPS order

Contributions modules declare; they do no work at import time beyond importing what they name.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.signals import setting_changed
from django.dispatch import receiver

MODULE = "contributions"


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: str
    url_name: str
    allowed: Callable  # (user) -> bool
    order: int = 100


@dataclass(frozen=True)
class EventTask:
    """A link on an event's back-office page: `url_name` takes the event's pk as `pk`."""

    key: str
    label: str
    url_name: str
    allowed: Callable  # (user, event) -> bool
    order: int = 100
    group: str = ""  # the heading the link stands under
    description: str = ""  # a line after the link: what the page is for


@dataclass(frozen=True)
class DashboardPanel:
    """A dashboard section: `template` rendered with `context(request)` (None hides the panel)."""

    key: str
    template: str
    context: Callable  # (request) -> dict | None
    allowed: Callable  # (user) -> bool
    order: int = 100


@dataclass(frozen=True)
class Urls:
    """A public URL conf, mounted at /<prefix> by sfi/urls.py; `localized` ones also under /en/."""

    module: str
    prefix: str = ""
    localized: bool = True


@dataclass(frozen=True)
class StaffUrls:
    """The app's staff URL conf (`<app>/staff_urls.py`), mounted at /team/<prefix> in namespace `app_name`."""

    module: str
    prefix: str = ""


@dataclass(frozen=True)
class PeriodicTask:
    """A task `run_scheduler` enqueues every `seconds` (settings.PERIODIC_TASK_INTERVALS may override)."""

    path: str
    seconds: int


@dataclass(frozen=True)
class ProcessingActivity:
    """One entry of the record of processing activities (Art. 30 GDPR)."""

    key: str
    name: str
    purpose: str
    legal_basis: str
    data_subjects: str
    data_categories: str
    recipients: str
    retention_key: tuple = ()  # keys of settings.PRIVACY_RETENTION that govern this data
    retention_text: str = ""
    notes: list = field(default_factory=list)
    order: int = 100


@dataclass(frozen=True)
class RetentionRule:
    """A step of the retention job: `apply(now=…)` deletes or anonymises, returns {what: count}."""

    key: str
    label: str
    apply: Callable  # (*, now) -> dict[str, int]
    order: int = 100


@dataclass(frozen=True)
class Contribution:
    app: str
    module: object

    def get(self, name, default):
        return getattr(self.module, name, default)


@cache
def contributions() -> tuple[Contribution, ...]:
    """Every installed app's contributions module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        name = f"{config.name}.{MODULE}"
        if find_spec(name) is not None:
            found.append(Contribution(app=config.label, module=import_module(name)))
    return tuple(found)


def _collected(name):
    return [item for contribution in contributions() for item in contribution.get(name, ())]


def _ordered(name):
    return sorted(_collected(name), key=lambda item: item.order)


def menu_entries():
    return _ordered("MENU")


def event_tasks():
    return _ordered("EVENT_TASKS")


def dashboard_panels():
    return _ordered("DASHBOARD_PANELS")


def retention_rules():
    return _ordered("RETENTION_RULES")


def processing_activities():
    return _ordered("PROCESSING_ACTIVITIES")


def periodic_tasks():
    return _collected("PERIODIC_TASKS")


def public_urls(*, localized):
    """The public URL confs of every app, in INSTALLED_APPS order (the first match wins)."""
    return [urls for urls in _collected("URLS") if urls.localized == localized]


def staff_urls():
    return [(contribution.app, urls) for contribution in contributions() for urls in contribution.get("STAFF_URLS", ())]


def audit_labels() -> dict:
    labels = {}
    for contribution in contributions():
        labels.update(contribution.get("AUDIT_ACTIONS", {}))
    return labels


def sitemaps() -> dict:
    sections = {}
    for contribution in contributions():
        sections.update(contribution.get("SITEMAPS", {}))
    return sections


def hook_names() -> dict:
    """Every hook an installed app announces, with its description."""
    names = {}
    for contribution in contributions():
        names.update(contribution.get("ANNOUNCES", {}))
    return names


def hook_answers(name):
    if name not in hook_names():
        raise LookupError(f"Unknown hook {name!r}: no installed app announces it (ANNOUNCES).")
    answers = (contribution.get("HOOKS", {}) for contribution in contributions())
    return [hooks[name] for hooks in answers if name in hooks]


def announce(name, **arguments) -> list:
    """Call every app's answer to hook `name`; returns their results in INSTALLED_APPS order."""
    return [answer(**arguments) for answer in hook_answers(name)]


def problems() -> list[str]:
    """What is wrong with the declarations (for the system check): duplicate keys, unknown hooks."""
    found = []
    keyed = ("MENU", "EVENT_TASKS", "DASHBOARD_PANELS", "PROCESSING_ACTIVITIES", "RETENTION_RULES", "PERSONAL_DATA")
    for kind in keyed:
        keys = [item.key for item in _collected(kind)]
        found += [f"{kind}: key {key!r} is declared twice" for key in sorted({k for k in keys if keys.count(k) > 1})]
    paths = [task.path for task in periodic_tasks()]
    found += [f"PERIODIC_TASKS: {path} is declared twice" for path in sorted({p for p in paths if paths.count(p) > 1})]
    codes = [code for contribution in contributions() for code in contribution.get("AUDIT_ACTIONS", {})]
    found += [f"AUDIT_ACTIONS: {code} is declared twice" for code in sorted({c for c in codes if codes.count(c) > 1})]
    hooks = [name for contribution in contributions() for name in contribution.get("ANNOUNCES", {})]
    found += [
        f"ANNOUNCES: hook {name!r} is announced by two apps"
        for name in sorted({h for h in hooks if hooks.count(h) > 1})
    ]
    for contribution in contributions():
        for hook in contribution.get("HOOKS", {}):
            if hook not in hook_names():
                found.append(f"{contribution.app}.HOOKS: unknown hook {hook!r}")
    return found


def periodic_schedule() -> list[tuple[str, int]]:
    """(task path, seconds) for `run_scheduler`: every declared PeriodicTask, at the interval
    settings.PERIODIC_TASK_INTERVALS gives this deployment, else at the declared one."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    overrides = settings.PERIODIC_TASK_INTERVALS
    declared = periodic_tasks()
    unknown = sorted(set(overrides) - {task.path for task in declared})
    if unknown:
        raise ImproperlyConfigured(f"PERIODIC_TASK_INTERVALS names tasks no app declares: {', '.join(unknown)}")
    return [(task.path, overrides.get(task.path, task.seconds)) for task in declared]


@dataclass(frozen=True)
class PersonalDataHolder:
    """What an app holds about people identified by their e-mail address, for privacy's
    self-service and request tools (access, portability, erasure: Art. 15, 17, 20 GDPR).

    `find(email)` lists the app's records that still hold personal data about the address (each
    with a `pk`); `export(records, *, now)` gives one JSON-ready dict per record, listed under
    `export_key` in the export; `erase(records, *, now)` removes the personal data (the mails
    written for the records included) and returns counts {"cancelled", "anonymised",
    "mails_deleted"}; `from_link(token)` is the address behind one of the app's personal links
    (Http404 if none); `describe(records)` says what each record is for the person, one
    `PersonalRecord` per record in the order of `export` (its own personal page where it has one).
    The audit log names the records' ids under `key`."""

    key: str
    export_key: str
    find: Callable  # (email) -> list
    export: Callable  # (records, *, now) -> list[dict]
    erase: Callable  # (records, *, now) -> dict[str, int]
    from_link: Callable | None = None  # (token) -> email
    describe: Callable | None = None  # (records) -> list[PersonalRecord]
    order: int = 100


@dataclass(frozen=True)
class PersonalRecord:
    """One record as the person sees it on „Meine Daten“: what kind of record (`what`, e.g.
    "Anmeldung"), which one (`title`), and the path of its own personal page (a signed link,
    never the address), or "" where it has none."""

    what: str
    title: str
    url: str = ""


def personal_data_holders():
    return _ordered("PERSONAL_DATA")


@receiver(setting_changed)
def _forget_contributions(*, setting, **kwargs):
    """Tests that change INSTALLED_APPS see the contributions of the apps they leave installed."""
    if setting == "INSTALLED_APPS":
        contributions.cache_clear()
