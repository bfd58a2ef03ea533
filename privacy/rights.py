"""Data subject rights: access and portability (Art. 15, 20 GDPR) and erasure (Art. 17).

A person is identified by an e-mail address: a personal link proves it (the link went to that
address), the staff tool takes it from a request sent by e-mail. What the platform holds about the
address is what the apps declare (`PERSONAL_DATA` in their contributions module,
`core.registry.PersonalDataHolder`); this module knows no feature app.
"""

import logging
from dataclasses import dataclass

from django.apps import apps
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from core import registry

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Found:
    """What each app holds about one address: ((holder, records), …) in the declared order."""

    parts: tuple

    @property
    def records(self):
        return [record for _, records in self.parts for record in records]

    def __bool__(self):
        return bool(self.records)


def find_person(email) -> Found:
    """Every record of every app that still holds personal data about this address."""
    return Found(parts=tuple((holder, list(holder.find(email))) for holder in registry.personal_data_holders()))


def address_from_link(token):
    """The address behind a personal link of any app that offers one (a registration, a training
    request, …); 404 for a tampered, unknown or anonymised link. Each app signs its links with
    its own salt, so a token is only ever accepted by the app that made it."""
    for holder in registry.personal_data_holders():
        if holder.from_link is None:
            continue
        try:
            return holder.from_link(token)
        except Http404:
            continue
    raise Http404


def export_data(found, *, now=None):
    """Everything we hold about the person, as plain JSON-ready data (also shown as a page)."""
    now = now or timezone.now()
    data = {"exportiert_am": now.isoformat()}
    for holder, records in found.parts:
        data[holder.export_key] = holder.export(records, now=now)
    return data


def described_items(found, data):
    """(PersonalRecord, exported item) for every record, in the order of `found`: what it is, its
    own personal page where the app has one, and the data shown for it."""
    pairs = []
    for holder, records in found.parts:
        items = data[holder.export_key]
        if holder.describe is not None:
            entries = holder.describe(records)
        else:
            entries = [registry.PersonalRecord(what=holder.export_key, title="") for _ in records]
        pairs.extend(zip(entries, items, strict=True))
    return pairs


@dataclass(frozen=True)
class Erasure:
    cancelled: int
    anonymised: int
    mails_deleted: int


def erase_person(*, email, now=None):
    """Delete every mail to the address, then let each app erase what it holds about it (its own
    mails, places still to come, the personal data itself), all in one transaction."""
    now = now or timezone.now()
    counts = {"cancelled": 0, "anonymised": 0, "mails_deleted": 0}
    with transaction.atomic():
        found = find_person(email)
        # The request names the address: every mail to it goes, also those no record names (lost links).
        counts["mails_deleted"] += _erase_mails_to(email)
        for holder, records in found.parts:
            for what, count in holder.erase(records, now=now).items():
                counts[what] += count
        # Apps that keep an address without a personal-data record of their own (the newsletter).
        registry.announce("address_erased", email=email, now=now)
    logger.info("erasure done: %s records anonymised, %s places cancelled", counts["anonymised"], counts["cancelled"])
    return Erasure(**counts)


def _erase_mails_to(email):
    if not apps.is_installed("mail"):
        return 0
    from mail.services import erase_mails

    return erase_mails(to=email)


def record(*, actor, action, found, request=None, **counts):
    """Write the step to the audit log: ids and counts only, never the address."""
    if not apps.is_installed("audit"):
        logger.info("privacy action %s on %s records", action, len(found.records))
        return
    from audit.services import record as audit_record

    details = {holder.key: [r.pk for r in records][:50] for holder, records in found.parts}
    audit_record(actor=actor, action=action, target=None, details={**details, **counts}, request=request)
