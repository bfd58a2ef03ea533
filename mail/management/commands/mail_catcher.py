"""Development SMTP server: accepts every mail and stores it under var/mails/ (see mail.catcher).

bin/run starts it beside the web server; the settings point EMAIL_HOST/EMAIL_PORT at it when
DEBUG is on, and /_dev/mails/ shows what arrived.
"""

import logging
import signal
import threading

from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mail import catcher


class StoreHandler:
    async def handle_DATA(self, server, session, envelope):
        catcher.store(envelope.original_content or envelope.content)
        return "250 Message accepted for delivery"


class Command(BaseCommand):
    help = "Run a local SMTP server that stores every received mail under var/mails/ (development only)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.MAIL_CATCHER_PORT)

    def handle(self, *, host, port, **options):
        if not settings.DEBUG:
            raise CommandError("mail_catcher is for development only (DEBUG=1); it would swallow real mail.")
        # aiosmtpd logs envelope addresses at INFO.
        logging.getLogger("mail.log").setLevel(logging.WARNING)
        controller = Controller(StoreHandler(), hostname=host, port=port)
        controller.start()
        self.stdout.write(f"mail_catcher: SMTP on {host}:{port}, storing in {catcher.directory()}")
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        try:
            while not stop.wait(1):
                pass
        finally:
            controller.stop()
