"""Standard Webhooks signatures (https://www.standardwebhooks.com/): the headers webhook-id,
webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256 of "id.timestamp.body">`).

Each subscription's secret (`whsec_<base64 key>`) is derived from SECRET_KEY and the
subscription's salt, so the database alone holds no usable key; changing SECRET_KEY changes every
secret (subscribers then need the new one from the webhooks page)."""

import base64
import hashlib
import hmac

from django.conf import settings


def secret_key(subscription) -> bytes:
    material = f"sfi-webhook:{subscription.pk}:{subscription.salt}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), material, hashlib.sha256).digest()


def secret_for(subscription) -> str:
    return "whsec_" + base64.b64encode(secret_key(subscription)).decode()


def signature(key: bytes, message_id: str, timestamp: int, body: bytes) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def headers(subscription, message_id: str, timestamp: int, body: bytes) -> dict:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret_key(subscription), message_id, timestamp, body),
        "content-type": "application/json",
        "user-agent": "SupportFuerInitiative-Webhooks/1",
    }
