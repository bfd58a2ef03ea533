"""Every back-office list is exportable (core.exports): this walks the staff URL confs of every app
and asserts that each list page offers its download, or that the page is deliberately named here
as not a list (a form, an action, a download, one record, a map) with the reason."""

from importlib import import_module

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import log_in
from audit.services import record
from board.testing import make_post
from conferences.testing import make_conference, workshops
from core import registry
from directory.testing import make_agency
from events.testing import make_event
from knowledge.testing import make_article
from multipliers.testing import make_course
from network.testing import make_initiative
from newsletter.testing import make_issue
from registrations.testing import make_participant
from training_requests.testing import make_request

pytestmark = pytest.mark.django_db

# List pages, and the URL arguments each needs from the world below.
LISTS = {
    "events_staff:event_list": None,
    "accounts_staff:account_list": None,
    "events_staff:venue_list": None,
    "audit_staff:list": None,
    "directory_staff:service_list": None,
    "directory_staff:organization_list": None,
    "network_staff:list": None,
    "board_staff:queue": None,
    "knowledge_staff:article_list": None,
    "newsletter_staff:overview": None,
    "multipliers_staff:log_totals": None,
    "training_requests_staff:queue": None,
    "feedback_staff:period_results": None,
    "feedback_staff:event_results": "event",
    "participants_staff:participants": "event",
    "participants_staff:checkin": "event",
    "multipliers_staff:cohort": "course",
    "conferences_staff:workshops": "conference",
    "conferences_staff:workshop_checkin": "workshop",
    "conferences_staff:reimbursements": "conference",
}

# Pages that are not lists of records, each with why.
NOT_LISTS = {
    "participants_staff:waiting_list": "the participant list filtered to the waiting list (exported there)",
    "api_staff:token_list": "the account's own tokens (settings, never their secrets)",
    "webhooks_staff:subscription_list": "the account's own webhook settings",
    "webhooks_staff:subscription_detail": "one subscription's settings and its latest deliveries",
    "events_staff:reference_overview": "the kinds of reference data, a menu",
    "events_staff:reference_list": "reference data (topics, languages, …) edited in place, public on every page",
    "events_staff:material_list": "one event's files (downloads themselves)",
    "events_staff:event_detail": "one event's hub",
    "documents_staff:certificates": "a form choosing whose certificates to send or print",
    "multipliers_staff:certificates": "a form sending the course's certificates, with counts",
    "multipliers_staff:rule": "a form",
    "knowledge_staff:downloads": "one article's files (downloads themselves)",
    "knowledge_staff:revisions": "one article's history, compared on screen",
    "knowledge_staff:revision": "one revision",
    "newsletter_staff:sending": "one sending's progress (counts)",
    "newsletter_staff:send": "a form choosing the recipients",
    "participants_staff:mailing": "one mailing's progress (counts)",
    "privacy_staff:processing_record": "the processing record, a document (printable page)",
    "privacy_staff:requests": "a form for one data-subject request",
    "training_requests_staff:map": "the queue's counts per district as a map and table (the queue is exported)",
    "training_requests_staff:partner": "a partner's own requests and events (partners export nothing)",
    "conferences_staff:programme": "the programme editor",
    "conferences_staff:badges": "a form printing badges (PDF)",
    "reports_staff:report": "the funders' report: figures with their own PDF, XLSX and CSV downloads",
}
DOWNLOADS = {
    "participants_staff:participants_csv",
    "participants_staff:participants_xlsx",
    "documents_staff:attendance_list",
    "documents_staff:certificate_to_print",
    "multipliers_staff:cohort_pdf",
    "multipliers_staff:cohort_xlsx",
    "conferences_staff:reimbursements_sepa",
    "conferences_staff:payment_batch_file",
    "conferences_staff:reimbursements_xlsx",
    "conferences_staff:receipt",
    "privacy_staff:request_export",
    "reports_staff:export_pdf",
    "reports_staff:export_xlsx",
    "reports_staff:export_csv",
}
# Forms, actions (POST) and single records: the name says which.
FORM_WORDS = (
    "create", "edit", "add", "delete", "remove", "invite", "reinvite", "copy", "publish", "cancel", "held",
    "archive", "unarchive", "status", "reviewed", "review", "tick", "walk_in", "write", "promote", "confirmation",
    "state", "assign", "note", "message", "plan", "request", "revoke", "toggle", "deactivate", "reactivate",
    "reset_second_factor", "change_role", "detail", "setup", "check", "erase", "item", "reimbursement", "badge_checkin",
    "restore", "mark_read", "paid",
)  # fmt: skip


def staff_page_names():
    """Every named page of every app's staff URL conf (mounted under /team/ by the back office)."""
    names = set()
    for _app, staff in registry.staff_urls():
        module = import_module(staff.module) if isinstance(staff.module, str) else staff.module
        names |= {f"{module.app_name}:{pattern.name}" for pattern in module.urlpatterns if pattern.name}
    return names


def is_form_or_record(name):
    short = name.split(":", 1)[1]
    return any(short == word or short.startswith(word + "_") or short.endswith("_" + word) for word in FORM_WORDS)


def test_every_staff_page_is_a_list_with_an_export_or_named_as_not_one():
    names = staff_page_names()
    assert len(names) > 100
    unclassified = {
        name
        for name in names
        if name not in LISTS and name not in NOT_LISTS and name not in DOWNLOADS and not is_form_or_record(name)
    }
    assert unclassified == set()
    assert set(LISTS) <= names and set(NOT_LISTS) <= names and names >= DOWNLOADS


@pytest.fixture
def world():
    event = make_event(title="Schulung Pirna", capacity=1)
    make_participant(event)
    make_participant(event)  # waiting
    conference = make_conference(slots=1, workshops=1)
    # One row in every list, so that each shows its table (and its download).
    record(actor=None, action="test.entry", target=None)
    make_post(status="pending")
    make_agency(name="Migrationsberatung Pirna")
    make_article(title="Asylverfahren kurz erklärt")
    make_initiative(name="Vorschlag Bautzen", status="proposed")
    make_issue()
    make_request()
    return {
        "event": {"pk": event.pk},
        "course": {"pk": make_course(modules=2).pk},
        "conference": {"pk": conference.event.pk},
        "workshop": {"pk": conference.event.pk, "session_pk": workshops(conference)[0][0].pk},
    }


def download_link(name, kwargs):
    """The page's download: `?export=csv` (core.exports), or the list's own spreadsheet URL."""
    own = {
        "multipliers_staff:cohort": "multipliers_staff:cohort_xlsx",
        "conferences_staff:reimbursements": "conferences_staff:reimbursements_xlsx",
        "participants_staff:participants": "participants_staff:participants_csv",
    }
    return reverse(own[name], kwargs=kwargs) if name in own else "export=csv"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_each_list_offers_its_download_and_the_download_works(name, world, admin):
    client = log_in(Client(), admin)
    kwargs = world[LISTS[name]] if LISTS[name] else {}
    url = reverse(name, kwargs=kwargs)
    page = client.get(url)
    assert page.status_code == 200, name
    link = download_link(name, kwargs)
    assert link in page.content.decode(), f"{name} offers no download"
    if link == "export=csv":
        got = client.get(url, {"export": "xlsx"})
        assert got.status_code == 200 and got["Content-Disposition"].startswith("attachment"), name
        assert got["Cache-Control"] == "no-store"
