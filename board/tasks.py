"""Periodic jobs of the board (declared as PERIODIC_TASKS in board/contributions.py)."""

import logging

from django.utils import timezone
from django_tasks import task

from board import services

logger = logging.getLogger(__name__)


@task()
def send_renewal_reminders():
    sent = services.send_renewal_reminders(now=timezone.now())
    logger.info("board: %s renewal reminders queued", sent)
    return sent


@task()
def send_alerts():
    sent = services.send_alert_mails(now=timezone.now())
    logger.info("board: %s alert mails queued", sent)
    return sent
