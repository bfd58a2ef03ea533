"""One HTTP attempt: sign, POST, measure. Knows nothing of jobs or the database."""

import ipaddress
import json
import socket
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from django.conf import settings

from webhooks import signing


@dataclass
class Attempt:
    ok: bool
    status_code: int | None
    duration_ms: int
    error: str = ""


def _blocked(url):
    """Receivers on private, loopback or link-local addresses are refused unless the deployment
    allows them (WEBHOOK_ALLOW_PRIVATE_TARGETS): the worker must not become a way into our network."""
    if settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        return False
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False  # the request itself will fail and be retried
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return True
    return False


def send(delivery) -> Attempt:
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    timestamp = int(time.time())
    if _blocked(subscription.url):
        return Attempt(False, None, 0, "address not allowed")
    headers = signing.headers(subscription, delivery.message_id, timestamp, body)
    started = time.monotonic()
    try:
        response = httpx.post(
            subscription.url, content=body, headers=headers, timeout=settings.WEBHOOK_TIMEOUT, follow_redirects=False
        )
    except httpx.HTTPError as exc:
        return Attempt(False, None, int((time.monotonic() - started) * 1000), type(exc).__name__)
    duration = int((time.monotonic() - started) * 1000)
    return Attempt(200 <= response.status_code < 300, response.status_code, duration)
