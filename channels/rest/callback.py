"""Agent messages for REST-channel clients: POSTed to the client's registered callback URL,
signed with the client's secret (HMAC-SHA256 of the exact body bytes).

Register with ``AVISA_REST_CALLBACK_URL`` and ``AVISA_REST_CALLBACK_SECRET`` (16+
characters). Each outbox row of the ``rest`` channel (an agent joining, replying, handing
back) becomes one ``POST`` of ``{"id", "recipient_id", "conversation_id", "kind", "text",
"buttons"}`` with ``X-Avisa-Signature: sha256=<hex>`` and ``X-Avisa-Delivery: <id>`` (the
same id on a retry: the client drops repeats). A non-2xx answer or no answer is a failed
delivery the outbox retries."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass

import aiohttp

from channels.core.errors import ConfigError, DeliveryError
from channels.core.models import Delivery, OutboxItem

SIGNATURE_HEADER = "X-Avisa-Signature"
DELIVERY_HEADER = "X-Avisa-Delivery"
VIA = "rest-callback"
MIN_SECRET = 16


@dataclass(frozen=True)
class RestCallback:
    url: str
    secret: str
    timeout: float = 10.0

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> RestCallback | None:
        url = env.get("AVISA_REST_CALLBACK_URL", "").strip()
        if not url:
            return None
        if not url.startswith(("https://", "http://")):
            raise ConfigError(f"AVISA_REST_CALLBACK_URL must be an http(s) URL, got {url!r}")
        secret = env.get("AVISA_REST_CALLBACK_SECRET", "")
        if len(secret) < MIN_SECRET:
            raise ConfigError("AVISA_REST_CALLBACK_SECRET must have at least "
                              f"{MIN_SECRET} characters when AVISA_REST_CALLBACK_URL is set")
        return cls(url, secret)


def signature(secret: str, body: bytes) -> str:
    """The header value a client recomputes: ``sha256=`` + hex HMAC of the body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def body_of(item: OutboxItem) -> bytes:
    return json.dumps({
        "id": item.id, "recipient_id": item.address, "conversation_id": item.conversation_id,
        "kind": item.kind, "text": item.text, "buttons": [b.to_json() for b in item.buttons],
    }, ensure_ascii=False, separators=(",", ":")).encode()


class RestCallbackSender:
    """The outbox sender of the ``rest`` channel when a callback is registered."""

    def __init__(self, http: aiohttp.ClientSession, callback: RestCallback) -> None:
        self._http = http
        self._callback = callback

    async def send(self, item: OutboxItem) -> Delivery:
        body = body_of(item)
        headers = {"Content-Type": "application/json",
                   SIGNATURE_HEADER: signature(self._callback.secret, body),
                   DELIVERY_HEADER: item.id}
        try:
            async with self._http.post(
                self._callback.url, data=body, headers=headers,
                timeout=aiohttp.ClientTimeout(total=self._callback.timeout),
            ) as response:
                if not 200 <= response.status < 300:
                    raise DeliveryError(f"REST callback answered {response.status}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"REST callback unreachable: {exc!r}") from exc
        return Delivery(via=VIA)
