"""Retention of the outbox: mails are deleted `mail_outbox_days` after they were written, whatever
their state: they hold addresses and personal links, and one still queued that long will never be
useful (settings.PRIVACY_RETENTION; run by privacy's hourly retention job, declared in
mail/contributions.py). Mails written for someone go earlier with that person's data: each app
that names its mails (`belongs_to`) deletes them with `mail.services.erase_mails`."""

from datetime import timedelta

from django.conf import settings

from mail.models import OutboxMessage


def delete_old_mails(*, now):
    cutoff = now - timedelta(days=settings.PRIVACY_RETENTION["mail_outbox_days"])
    _, per_model = OutboxMessage.objects.filter(created_at__lt=cutoff).delete()
    return {"mails_deleted": per_model.get(OutboxMessage._meta.label, 0)}
