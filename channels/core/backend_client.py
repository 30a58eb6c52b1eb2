"""Typed client for the backend's gateway endpoints (docs/contract.md, Gateway role)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

import aiohttp

from channels.core.backend_answers import (
    decode,
    outbound,
    outbox_item,
    parsed,
    parts_of,
    stored_inbound,
)
from channels.core.backoff import Backoff, retrying
from channels.core.errors import (
    BackendProtocolError,
    BackendRejected,
    BackendUnavailable,
)
from channels.core.jsonfields import as_list, as_object, req_str
from channels.core.models import (
    BotMessage,
    InboundMessage,
    OutboxItem,
    StoredInbound,
)

T = TypeVar("T")
log = logging.getLogger(__name__)
RETRIES = 2
RETRY_STATUSES = frozenset({502, 503})
RETRY_BACKOFF = 0.25  # ceiling of the first wait (full jitter, core/backoff.py)


class _Retryable(BackendUnavailable):
    """The request did not reach a live backend (connection refused or reset, 502/503)."""


class BackendClient:
    """Calls the backend with the gateway's bearer token.

    Raises ``BackendUnavailable`` (network, timeout, 5xx), ``BackendRejected`` (4xx)
    or ``BackendProtocolError`` (answer breaks the contract).

    Calls that are safe to repeat are retried (``RETRIES`` more times, short backoff) when
    the backend could not be reached or answered 502/503 — a replica that died behind the
    balancer: reads, and an inbound message with a provider id (the backend stores it once
    per id), a bot reply with the message it answers (stored once per reply). Timeouts are
    never retried (the first attempt may still be running).
    """

    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, token: str, timeout: float
    ) -> None:
        self._session = session
        self._base = base_url.rstrip("/")
        self._headers = {"Authorization": f"Bearer {token}"}
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def store_inbound(self, message: InboundMessage) -> StoredInbound:
        body: dict[str, Any] = {
            "channel": message.channel,
            "address": message.address,
            "text": message.text,
        }
        if message.provider_message_id is not None:
            body["provider_message_id"] = message.provider_message_id
        if message.payload is not None:
            body["payload"] = message.payload
        if message.metadata:
            body["metadata"] = message.metadata
        idempotent = message.provider_message_id is not None
        obj = await self._call("POST", "/api/messages/inbound", body, retry=idempotent)
        return stored_inbound(obj, "inbound answer")

    async def store_outbound(
        self, conversation_id: str, reply: BotMessage, reply_to: str | None = None
    ) -> str:
        """``reply_to``: the stored inbound message the bot answers; the backend keeps one
        row per reply of it, so the call is retried (a replica killed after its commit but
        before its answer, seen in the failover test). Without it, not retried."""
        body: dict[str, Any] = {"conversation_id": conversation_id, "text": reply.text or ""}
        body.update({k: v for k, v in reply.to_json().items() if k != "text"})
        if reply_to is not None:
            body["reply_to"] = reply_to
        obj = await self._call("POST", "/api/messages/outbound", body,
                               retry=reply_to is not None)
        try:
            return req_str(obj, "message_id")
        except ValueError as exc:
            raise BackendProtocolError(f"outbound answer: {exc}") from exc

    async def store_outbound_batch(
        self, conversation_id: str, replies: Sequence[BotMessage], reply_to: str | None = None
    ) -> list[str]:
        """The bot's replies to one message, in order, with one request (retried with
        ``reply_to`` only, as ``store_outbound``)."""
        body: dict[str, Any] = {"conversation_id": conversation_id,
                                "messages": [outbound(r) for r in replies]}
        if reply_to is not None:
            body["reply_to"] = reply_to
        obj = await self._call("POST", "/api/messages/outbound/batch", body,
                               retry=reply_to is not None)
        try:
            return [str(i) for i in as_list(obj.get("message_ids"), "message_ids")]
        except ValueError as exc:
            raise BackendProtocolError(f"outbound batch answer: {exc}") from exc

    async def claim_outbox(self, limit: int) -> list[OutboxItem]:
        obj = await self._call("POST", "/api/outbox/claim", {"limit": limit})
        try:
            return [outbox_item(raw) for raw in as_list(obj.get("items"), "items")]
        except ValueError as exc:
            raise BackendProtocolError(f"outbox claim answer: {exc}") from exc

    async def mark_delivered(
        self, item_id: str, via: str, provider_message_id: str | None = None
    ) -> None:
        body: dict[str, Any] = {"via": via}
        if provider_message_id is not None:
            body["provider_message_id"] = provider_message_id
        await self._call("POST", f"/api/outbox/{item_id}/delivered", body)

    async def mark_failed(self, item_id: str, error: str) -> None:
        await self._call("POST", f"/api/outbox/{item_id}/failed", {"error": error[:500]})

    async def set_opt_out(self, conversation_id: str, opted_out: bool) -> None:
        """The sender of the conversation opted out of messages (STOP) or back in (START)."""
        await self._call(
            "POST", f"/api/conversations/{conversation_id}/opt-out", {"opted_out": opted_out}
        )

    async def technician_inbound(
        self, channel: str, address: str, text: str, data: str | None
    ) -> bool:
        """True when the backend took the message as a technician's (core/technicians.py)."""
        body = {"channel": channel, "address": address, "text": text, "data": data}
        obj = await self._call("POST", "/api/technicians/inbound", body)
        return bool(obj.get("handled"))

    async def list_outbox(self, via: str, limit: int = 100) -> list[dict[str, Any]]:
        obj = await self._call(
            "GET", "/api/outbox", params={"via": via, "limit": str(limit)}, retry=True
        )
        try:
            return [as_object(raw, "outbox item") for raw in as_list(obj.get("items"), "items")]
        except ValueError as exc:
            raise BackendProtocolError(f"outbox list answer: {exc}") from exc

    async def sent_parts(self, item_id: str) -> dict[int, str]:
        """Parts of a multi-part row the provider accepted already: part number → its id."""
        obj = await self._call("GET", f"/api/outbox/{item_id}/parts", retry=True)
        return parsed("outbox parts answer", lambda: parts_of(obj))

    async def record_part(self, item_id: str, part: int, provider_message_id: str) -> None:
        """Part ``part`` (from 1) of the row was accepted by the provider (idempotent)."""
        body = {"part": part, "provider_message_id": provider_message_id[:200]}
        await self._call("POST", f"/api/outbox/{item_id}/parts", body, retry=True)

    async def store_attachment(self, data: bytes, params: dict[str, str]) -> dict[str, Any]:
        """A file for the attachment store (raw body); ``params``: message_id, kind,
        filename… Retried: the backend keeps one row per (message, file)."""
        return await self._call("POST", "/api/attachments", params=params, payload=data,
                                retry=True)

    async def is_technician(self, channel: str, address: str) -> bool:
        obj = await self._call("GET", "/api/technicians/lookup",
                               params={"channel": channel, "address": address}, retry=True)
        return obj.get("technician") is True

    async def technician_file(self, channel: str, address: str, data: bytes,
                              filename: str | None) -> bool:
        """True when the sender is a technician: the file went to their job's incident."""
        params = {"channel": channel, "address": address}
        if filename:
            params["filename"] = filename[:200]
        obj = await self._call("POST", "/api/technicians/files", params=params, payload=data)
        return obj.get("handled") is True

    async def attachment_link(self, attachment_id: str) -> str:
        """The path of a signed, expiring link to a stored file
        (``/api/files/{id}?expires=…&sig=…``)."""
        obj = await self._call("POST", f"/api/attachments/{attachment_id}/link", {}, retry=True)
        return parsed("attachment link answer", lambda: req_str(obj, "path"))

    async def attachment_content(self, attachment_id: str) -> tuple[bytes, str]:
        """A stored file's bytes and type; ``BackendRejected`` when it cannot be served."""
        path = f"/api/attachments/{attachment_id}/content"
        status, raw, headers = await self._retried(
            lambda: self._request_once("GET", path), f"backend GET {path}", retry=True)
        if status >= 400:
            raise BackendRejected(status, "file_refused", f"GET {path}: status {status}", {})
        return raw, headers.get("content-type", "application/octet-stream")

    async def signed_file(
        self, path: str, params: dict[str, str]
    ) -> tuple[int, bytes, dict[str, str]]:
        """The backend's answer to a signed link, as it is (``/api/files/…``: 200, 403…)."""
        return await self._retried(lambda: self._request_once("GET", path, params=params),
                                   f"backend GET {path}", retry=True)

    async def _call(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        *,
        retry: bool = False,
        payload: bytes | None = None,
    ) -> dict[str, Any]:
        return await self._retried(
            lambda: self._call_once(method, path, body, params, payload),
            f"backend {method} {path}", retry=retry)

    async def _retried(self, call: Callable[[], Awaitable[T]], what: str, *, retry: bool) -> T:
        try:
            return await retrying(
                call,
                tries=RETRIES + 1 if retry else 1,
                backoff=Backoff(RETRY_BACKOFF, RETRY_BACKOFF * 2**RETRIES),
                retry_on=_Retryable,
                what=what,
            )
        except _Retryable as exc:
            raise BackendUnavailable(str(exc)) from exc

    async def _call_once(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        params: dict[str, str] | None,
        payload: bytes | None = None,
    ) -> dict[str, Any]:
        status, raw, _ = await self._request_once(method, path, body, params, payload)
        if status >= 500:
            raise BackendUnavailable(f"{method} {path}: status {status}")
        decoded = decode(raw, f"{method} {path}")
        if status >= 400:
            error = decoded.get("error")
            if not isinstance(error, dict):
                error = {}
            raise BackendRejected(
                status, str(error.get("code", "unknown")), str(error.get("message", "")), error
            )
        return decoded

    async def _request_once(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        payload: bytes | None = None,
    ) -> tuple[int, bytes, dict[str, str]]:
        """One request: status, body and headers (names in lower case); ``_Retryable``
        when it never reached a live backend."""
        url = self._base + path
        try:
            async with self._session.request(
                method,
                url,
                json=body,
                data=payload,
                params=params,
                headers=self._headers,
                timeout=self._timeout,
            ) as response:
                raw = await response.read()
                status = response.status
                headers = {k.lower(): v for k, v in response.headers.items()}
        except TimeoutError as exc:
            raise BackendUnavailable(f"{method} {path}: {_describe(exc)}") from exc
        except aiohttp.ClientError as exc:
            raise _Retryable(f"{method} {path}: {_describe(exc)}") from exc
        if status in RETRY_STATUSES:
            raise _Retryable(f"{method} {path}: status {status}")
        return status, raw, headers


def _describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__
