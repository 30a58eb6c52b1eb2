"""Resuming the bot after a handoff through Rasa's HTTP API (``rasa run --enable-api
--auth-token``): ``POST /conversations/{id}/tracker/events`` with a ``resume`` event and the
slots the agent set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import aiohttp

from backend.domain.handoff_errors import RasaUnavailable


class BotResumer(Protocol):
    async def resume(self, conversation_id: str, slots: Mapping[str, Any]) -> None: ...


def resume_events(slots: Mapping[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = [{"event": "resume"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    events.append({"event": "slot", "name": "handoff_requested", "value": False})
    return events


class RasaHttp:
    def __init__(self, url: str, token: str, timeout: float = 10.0) -> None:
        self._url = url.rstrip("/")
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def resume(self, conversation_id: str, slots: Mapping[str, Any]) -> None:
        url = f"{self._url}/conversations/{conversation_id}/tracker/events"
        params = {"token": self._token} if self._token else {}
        try:
            async with aiohttp.ClientSession(timeout=self._timeout) as http, http.post(
                    url, json=resume_events(slots), params=params) as response:
                if response.status >= 400:
                    body = (await response.text())[:200]
                    raise RasaUnavailable(f"Rasa answered {response.status}: {body}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise RasaUnavailable(f"Rasa could not be reached: {exc!r}") from exc
