"""Writes of the multiplier programme: the completion rule, the certificate mailing and its worker,
and the consultation log. Every write: one transaction, an audit entry, mail through the outbox."""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.text import slugify

from accounts import services as accounts
from accounts.models import User
from audit.services import record
from documents.pdf import render_pdf
from events.models import Event
from mail.services import Attachment, queue_mail
from multipliers import queries
from multipliers.models import (
    LISTING_CONSENT_VERSION,
    CertificateRun,
    CompletionCertificate,
    CompletionRule,
    Consultation,
    ContactNote,
    Multiplier,
)
from registrations.models import Registration
from relay.services import send_relay_message

logger = logging.getLogger(__name__)

SEND_TASK = "multipliers.tasks.send_completion_certificates"


class StaleRule(Exception):
    """Someone else changed the rule since the form was opened."""


def affected_by_rule(course, *, required_ids, minimum, allow_make_up):
    """Registrations that hold a certificate but would not complete under the proposed rule."""
    modules = queries.course_modules(course)
    module_ids = {m.pk for m in modules}
    proposed = queries.Rule(
        required=set(required_ids) & module_ids,
        minimum=min(minimum if minimum is not None else len(modules), len(modules)),
        allow_make_up=allow_make_up,
    )
    return [
        row.registration for row in queries.cohort(course, rule=proposed).rows if row.certified and not row.completed
    ]


@transaction.atomic
def save_rule(*, actor, course, version, minimum_modules, required_modules, allow_make_up, request=None):
    Event.objects.select_for_update().filter(pk=course.pk).first()
    rule = CompletionRule.objects.filter(course=course).first()
    if rule is None:
        if version not in (None, 0):
            raise StaleRule
        rule = CompletionRule(course=course)
    elif rule.version != version:
        raise StaleRule
    else:
        rule.version += 1
    rule.minimum_modules = minimum_modules
    rule.allow_make_up = allow_make_up
    rule.save()
    rule.required_modules.set(required_modules)
    record(
        actor=actor,
        action="completion_rule.saved",
        target=course,
        details={
            "minimum": minimum_modules,
            "required": sorted(m.pk for m in required_modules),
            "make_up": allow_make_up,
        },
        request=request,
    )
    return rule


# --- Certificates ---------------------------------------------------------------------------


def _organiser(course):
    funding = course.funding_line
    return {
        "organiser_name": settings.ORGANISER_NAME,
        "project_name": settings.PROJECT_NAME,
        "funding_line": (funding.text if funding else settings.FUNDING_LINE),
    }


def certificate_pdf(row, course):
    """The Zertifikat of one completed row: every module counted, with date and hours."""
    registration = row.registration
    modules = [
        {"module": cell.module, "hours": queries.module_hours(cell.module), "made_up": cell.status == queries.MADE_UP}
        for cell in row.cells
        if cell.status in queries.COUNTS
    ]
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "course": course,
            "modules": modules,
            "total_hours": sum(m["hours"] for m in modules),
            "issued_on": timezone.localdate(),
            **_organiser(course),
        }
        return render_pdf("multipliers/certificate.html", context)


def certificate_filename(course):
    return f"zertifikat-{slugify(course.title)[:60] or 'fortbildung'}.pdf"


@transaction.atomic
def start_certificates(*, actor, course, request=None):
    """The team's one action: certificates to everyone who has completed and has none yet.

    Returns (run, started); a second click while a run is unfinished gets that run back."""
    Event.objects.select_for_update().filter(pk=course.pk).first()
    running = queries.running_run(course)
    if running is not None:
        _enqueue(running)
        return running, False
    planned = len(queries.cohort(course).pending_certificates)
    if not planned:
        return None, False
    run = CertificateRun.objects.create(course=course, planned=planned, created_by=actor)
    record(
        actor=actor,
        action="completion_certificates.sent",
        target=course,
        details={"run": run.pk, "recipients": planned},
        request=request,
    )
    _enqueue(run)
    return run, True


def _enqueue(run):
    task = import_string(SEND_TASK)
    transaction.on_commit(lambda: task.enqueue(run_id=run.pk))


def send_certificates(*, run_id):
    """The worker: the rule is checked again now; one person per transaction, each at most once."""
    run = CertificateRun.objects.get(pk=run_id)
    course = Event.objects.select_related("funding_line", "contact").get(pk=run.course_id)
    sent = failed = 0
    for row in queries.cohort(course).pending_certificates:
        try:
            sent += _send_one(run, row, course)
        except Exception as error:  # noqa: BLE001 - one broken PDF must not stop the others
            failed += 1
            logger.error(
                "completion certificate for registration %s (run %s) failed: %s",
                row.registration.pk,
                run.pk,
                type(error).__name__,
            )
    CertificateRun.objects.filter(pk=run.pk).update(prepared_at=timezone.now(), failed=failed)
    return sent


def _send_one(run, row, course):
    with transaction.atomic():
        registration = Registration.objects.select_for_update().get(pk=row.registration.pk)
        if CompletionCertificate.objects.filter(registration=registration).exists():
            return 0
        message = queue_mail(
            to=registration.email,
            template="multipliers/mail/certificate",
            context={"registration": registration, "course": course},
            language=registration.language,
            belongs_to=registration.outbox_key,
            reply_to=course.contact.email if course.contact else "",
            attachments=[Attachment(certificate_filename(course), certificate_pdf(row, course), "application/pdf")],
            erase_body_after_send=True,
        )
        run.messages.add(message)
        CompletionCertificate.objects.create(registration=registration, run=run)
        return 1


# --- Consultation log -----------------------------------------------------------------------


@transaction.atomic
def log_consultation(*, actor, month, district, municipality, topics, advised, agency, other_agency, duration):
    entry = Consultation.objects.create(
        multiplier=actor,
        month=month.replace(day=1),
        district=district,
        municipality=municipality,
        advised=advised,
        agency=agency,
        other_agency=other_agency if agency is None else "",
        duration=duration,
    )
    entry.topics.set(topics)
    record(actor=actor, action="consultation.logged", target=entry)
    return entry


@transaction.atomic
def delete_consultation(*, actor, entry):
    record(actor=actor, action="consultation.deleted", target=entry)
    entry.delete()


# --- Multiplier accounts and the public listing -----------------------------------------------


class NotCompleted(Exception):
    """Only someone who completed the course can be invited as a multiplier."""


class HasAccount(Exception):
    """The person's address already belongs to an account (one address, one account)."""


class AlreadyInvited(Exception):
    """A second click (or a second tab): the person has their invitation already."""


@transaction.atomic
def invite_multiplier(*, actor, registration, request=None):
    """An account with the role multiplier for a person who completed the course, through the
    accounts app's invitation (one-time link by mail, expires), and their profile (not listed)."""
    # The row lock makes simultaneous clicks take turns; the second one then finds the profile.
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if Multiplier.objects.filter(registration=registration).exists():
        raise AlreadyInvited
    row = queries.row_for(registration)
    if row is None or not row.completed or not registration.has_address:
        raise NotCompleted
    if User.objects.filter(email__iexact=registration.email).exists():
        raise HasAccount
    user = accounts.invite(
        actor=actor,
        email=registration.email,
        role=User.Role.MULTIPLIER,
        first_name=registration.name[:150],
        language=registration.language,
        request=request,
    )
    first, *rest = registration.name.split()
    profile = Multiplier.objects.create(
        user=user,
        registration=registration,
        display_name=(f"{first} {rest[-1][0]}." if rest else first)[:80],
        municipality=registration.municipality,
    )
    record(
        actor=actor,
        action="multiplier.invited",
        target=profile,
        details={"registration": registration.pk},
        request=request,
    )
    return profile


class StaleProfile(Exception):
    """The profile changed since the form was opened (another tab)."""


@transaction.atomic
def save_profile(*, actor, profile, version, data, listing_consent):
    """The multiplier's own edit. Switching the listing off takes effect at once: the public pages
    read the flag live and are never cached."""
    profile = Multiplier.objects.select_for_update().get(pk=profile.pk)
    if profile.version != version:
        raise StaleProfile
    was_listed = profile.listed
    for name in ("display_name", "municipality", "how_i_help", "availability"):
        setattr(profile, name, data[name])
    profile.listed = data["listed"]
    if profile.listed and not was_listed:
        profile.listing_consent_version = LISTING_CONSENT_VERSION
        profile.listing_consented_at = listing_consent or timezone.now()
    profile.version += 1
    profile.save()
    profile.topics.set(data["topics"])
    profile.languages.set(data["languages"])
    action = "multiplier.profile_saved"
    if was_listed != profile.listed:
        action = "multiplier.listed" if profile.listed else "multiplier.unlisted"
    record(actor=actor, action=action, target=profile, details={"consent_version": profile.listing_consent_version})
    return profile


def contact_multiplier(*, profile, data):
    """The relay's mail to a listed multiplier (inside the public form's transaction) and its
    metadata note; the address of the multiplier never leaves the server."""
    send_relay_message(
        recipient_email=profile.user.email,
        recipient_label=profile.display_name,
        sender_name=data["sender_name"],
        sender_email=data["sender_email"],
        share_address=data["share_address"],
        message=data["message"],
        language=profile.registration.language if profile.registration else "de",
    )
    ContactNote.objects.create(multiplier=profile, address_shared=data["share_address"])
