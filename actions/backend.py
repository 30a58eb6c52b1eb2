"""The one client of the backend HTTP API, Actions role (docs/contract.md).

Every path is scoped to the conversation, whose id is the Rasa sender id.
Errors are raised as the typed exceptions documented in :mod:`actions.errors`;
a timeout or a refused connection is :class:`~actions.errors.Unavailable`.
"""

from __future__ import annotations

import asyncio
from typing import Any, TypedDict, cast

import aiohttp

from actions.errors import BackendError, Unavailable, error_from_response
from actions.settings import BackendSettings

Json = dict[str, Any]
OCR_TIMEOUT_S = 40.0  # reading a photo runs Tesseract (backend/adapters/ocr.py allows 30 s)
MAX_FACTOR = 10_000  # a second factor as typed, a whole e-mail even (backend/api/schemas.py)


class Customer(TypedDict):
    code: str
    name: str


class Identity(TypedDict):
    verified: bool
    locked: bool
    customer: Customer | None
    language: str | None


class BackendClient:
    """Async client for ``/api/conversations/{cid}/...``; one HTTP call per method."""

    def __init__(self, settings: BackendSettings | None = None) -> None:
        self._settings = settings or BackendSettings.from_env()

    async def identity(self, cid: str) -> Identity:
        return cast(Identity, await self._call("GET", cid, "/identity"))

    async def start_verification(self, cid: str, customer_code: str) -> Json:
        return await self._call("POST", cid, "/verification", {"customer_code": customer_code})

    async def check_code(self, cid: str, code: str) -> Json:
        return await self._call("POST", cid, "/verification/check", {"code": code})

    async def check_factor(self, cid: str, customer_code: str, factor: str) -> Json:
        """A customer code plus what the customer typed as a machine serial or e-mail."""
        return await self._call("POST", cid, "/verification/factor",
                                {"customer_code": customer_code,
                                 "factor": factor[:MAX_FACTOR]})

    async def equipment(self, cid: str) -> list[Json]:
        return cast(list[Json], (await self._call("GET", cid, "/equipment"))["equipment"])

    async def create_incident(self, cid: str, payload: Json) -> Json:
        return await self._call("POST", cid, "/incidents", payload)

    async def answer_report(self, cid: str, token: str, duplicate_of: str | None) -> Json:
        """The customer's answer to "is this about INC-…?" (None: no, open a new one)."""
        body = {"pending_report": token, "duplicate_of": duplicate_of}
        return await self._call("POST", cid, "/incidents", body)

    async def open_incidents(self, cid: str) -> list[Json]:
        return cast(list[Json], (await self._call("GET", cid, "/incidents"))["incidents"])

    async def incident(self, cid: str, incident_id: str) -> Json:
        return await self._call("GET", cid, f"/incidents/{incident_id}")

    async def cancel_incident(self, cid: str, incident_id: str, reason: str = "") -> Json:
        body = {"reason": reason} if reason else {}
        return await self._call("POST", cid, f"/incidents/{incident_id}/cancel", body)

    async def change_equipment(self, cid: str, incident_id: str, equipment_id: str) -> Json:
        """Move a still-new incident to another of the customer's machines (a correction)."""
        return await self._call("POST", cid, f"/incidents/{incident_id}/equipment",
                                {"equipment_id": equipment_id})

    async def consent(self, cid: str, incident_id: str, accepted: bool) -> Json:
        return await self._call("POST", cid, f"/incidents/{incident_id}/consent",
                                {"accepted": accepted})

    async def choose_slot(self, cid: str, incident_id: str, slot: str) -> Json:
        """Book a slot a maintenance plan offered: outcome ``booked`` or ``already_booked``."""
        return await self._call("POST", cid, f"/incidents/{incident_id}/slot", {"slot": slot})

    async def coverage(self, cid: str, equipment_id: str | None = None,
                       serial: str | None = None) -> Json:
        """check_coverage: one machine's coverage and allowance left, or the choices."""
        query = "&".join(f"{k}={v}" for k, v in (("equipment_id", equipment_id),
                                                 ("serial", serial)) if v)
        return await self._call("GET", cid, "/coverage" + (f"?{query}" if query else ""))

    async def handoff(self, cid: str, reason: str, slots: Json, facts: Json | None = None,
                      choice: str | None = None) -> Json:
        """Hand the conversation to people (docs/console.md): queued, assigned, out_of_hours,
        task or not_needed."""
        body = {"reason": reason, "slots": slots, "facts": facts or {}, "choice": choice}
        return await self._call("POST", cid, "/handoff", body)

    async def record_complaint(self, cid: str, text: str, incident_id: str | None) -> Json:
        """A complaint in the customer's words, linked to the incident it is about."""
        return await self._call("POST", cid, "/complaints",
                                {"text": text, "incident_id": incident_id})

    async def record_callback(self, cid: str, text: str, incident_id: str | None) -> Json:
        """A call-back request: number and window read by the backend from ``text``."""
        return await self._call("POST", cid, "/callbacks",
                                {"text": text, "incident_id": incident_id})

    async def read_plate(self, cid: str, attachment_id: str | None, *,
                         into_incident: bool) -> Json:
        """A photo the customer sent, read by OCR (issue 20 §3): ``match`` (one of the
        customer's machines, to confirm), ``candidates``, ``error_codes`` of a display (into
        the open incident's symptom only when ``into_incident``)."""
        body: Json = {"into_incident": into_incident}
        if attachment_id:
            body["attachment_id"] = attachment_id
        return await self._call("POST", cid, "/plate", body, timeout_s=OCR_TIMEOUT_S)

    async def _call(self, method: str, cid: str, path: str, body: Json | None = None,
                    timeout_s: float | None = None) -> Json:
        url = f"{self._settings.base_url}/api/conversations/{cid}{path}"
        headers = {"Authorization": f"Bearer {self._settings.token}"}
        timeout = aiohttp.ClientTimeout(total=timeout_s or self._settings.timeout_s)
        try:
            async with (
                aiohttp.ClientSession(timeout=timeout) as session,
                session.request(method, url, json=body, headers=headers) as resp,
            ):
                data = await _json(resp)
                if resp.status >= 400:
                    raise error_from_response(resp.status, data)
                return data
        except BackendError:
            raise
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as exc:
            raise Unavailable(f"{method} {path}: {exc!r}") from exc


async def _json(resp: aiohttp.ClientResponse) -> Json:
    try:
        data = await resp.json(content_type=None)
    except (aiohttp.ContentTypeError, ValueError):
        if resp.status >= 500:
            return {}
        raise
    return data if isinstance(data, dict) else {}


_settings: BackendSettings | None = None


def client() -> BackendClient:
    """A client with the environment's settings, read once (again while no token is found)."""
    global _settings
    if _settings is None or not _settings.token:
        _settings = BackendSettings.from_env()
    return BackendClient(_settings)
