import time

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.seeders.accounts import seed_accounts
from demo.seeders.board import seed_board
from demo.seeders.conferences import seed_conference
from demo.seeders.directory import seed_directory
from demo.seeders.events import seed_events
from demo.seeders.interfaces import seed_interfaces
from demo.seeders.knowledge import seed_knowledge
from demo.seeders.multipliers import seed_multipliers
from demo.seeders.network import seed_initiatives
from demo.seeders.newsletter import seed_newsletter
from demo.seeders.participants import seed_participants
from demo.seeders.registrations import seed_registrations
from demo.seeders.reports import seed_report_history
from demo.seeders.training_requests import seed_training_requests
from events.models import Event
from mail.services import withheld


class Command(BaseCommand):
    help = "Create fictional demo data for Saxony (about 60 upcoming and 200 past offers)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", action="store_true", help="Benchmark volume: 1,000 upcoming and 20,000 past offers."
        )
        parser.add_argument("--force", action="store_true", help="Add demo data even if events exist already.")

    def handle(self, *args, scale=False, force=False, **options):
        if Event.objects.exists() and not force:
            self._demo_logins()  # idempotent: older demo databases get the logins too
            self.stdout.write("Demo data already present; nothing to do (use --force to add more).")
            return
        started = time.monotonic()
        upcoming, past = (1000, 20000) if scale else (60, 200)
        # The demo people are fictional: the mails the real services write for them (confirmations,
        # waiting list) are withheld, so the mail view shows only what the user's own actions send.
        with transaction.atomic(), withheld() as mails:
            made_upcoming, made_past = seed_events(upcoming=upcoming, past=past)
            self._demo_logins()
            initiatives = seed_initiatives(count=1000 if scale else None)
            self.stdout.write(f"Demo data: {initiatives} initiatives.")
            posts = seed_board()
            self.stdout.write(f"Demo data: {posts} posts on the board (Suche/Biete), three waiting for review.")
            services = seed_directory(scale=scale)
            self.stdout.write(f"Demo data: {services} Wegweiser services.")
            articles = seed_knowledge()
            self.stdout.write(f"Demo data: {articles} knowledge-base articles.")
            registrations = seed_registrations()
            self.stdout.write(f"Demo data: {registrations} registrations (one event full, with a waiting list).")
            attendees = seed_participants()
            self.stdout.write(f"Demo data: {attendees} people at a past event (check-in, feedback, certificates due).")
            history = seed_report_history()
            self.stdout.write(f"Demo data: {history} registrations for last year's offers (the report page).")
            issues, subscribers = seed_newsletter()
            self.stdout.write(f"Demo data: {issues} newsletter issues, {subscribers} subscribers.")
            cohort, multipliers, logged = seed_multipliers()
            self.stdout.write(
                f"Demo data: a course with {cohort} people, {multipliers} multipliers, {logged} consultations logged."
            )
            requests = seed_training_requests()
            self.stdout.write(f"Demo data: {requests} training requests (every state, one planned as an offer).")
            secret = seed_interfaces()
            if secret:
                self.stdout.write(f"Demo API token of team@example.org (events:read, participants:read): {secret}")
            sessions, people = seed_conference()
            self.stdout.write(f"Demo data: Fachtag in Dresden with {sessions} programme items, {people} registrations.")
        self.stdout.write(f"Demo data: {len(mails)} mails to the fictional people withheld, none sent.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data: {made_upcoming} upcoming and {made_past} past offers "
                f"in {time.monotonic() - started:.1f} s."
            )
        )

    def _demo_logins(self):
        emails = seed_accounts()
        self.stdout.write(f"Demo logins (see README, 'Demo login and two-factor codes'): {', '.join(emails)}.")
