"""Test helpers for webhooks: a real HTTP receiver on a free port, subscriptions, and a worker run."""

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from mail.testing import run_jobs
from webhooks import services
from webhooks.models import Delivery, EventType, Subscription


@dataclass
class Receiver:
    """Answers each POST with the next status of `statuses` (then 204) and keeps what it got."""

    statuses: list = field(default_factory=list)
    received: list = field(default_factory=list)
    url: str = ""

    def messages(self, event_type=None):
        return [r for r in self.received if event_type is None or r["body"]["type"] == event_type]


def start_receiver(statuses=()):
    receiver = Receiver(statuses=list(statuses))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.received.append(
                {"headers": {k.lower(): v for k, v in self.headers.items()}, "raw": body, "body": json.loads(body)}
            )
            status = receiver.statuses.pop(0) if receiver.statuses else 204
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, receiver


def make_subscription(user, url="https://example.org/hook", event_types=None):
    return Subscription.objects.create(user=user, url=url, event_types=list(event_types or EventType.values))


def deliver_webhooks(*, rounds=20):
    """What the worker and the sweep do over time, now: every pending delivery becomes due, gets
    its job and runs (pytest-django's transaction never commits, so on_commit never enqueues)."""
    for _ in range(rounds):
        Delivery.objects.filter(status=Delivery.Status.PENDING).update(next_attempt_at=timezone.now())
        due = services.due_ids()
        if not due:
            return
        for delivery_id in due:
            services.enqueue(delivery_id)
        run_jobs()
    raise AssertionError(f"deliveries still pending after {rounds} rounds")
