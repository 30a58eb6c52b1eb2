"""Rasa's HTTP API (``rasa run --enable-api --auth-token``): the backend's one client of it.

The backend talks to Rasa for three things: read a conversation's tracker (the improvement
loop captures what the bot understood), load a model on each replica (``PUT /model`` swaps it
in-process) and resume the bot after a handoff (``POST /conversations/{id}/tracker/events``).
Where Rasa is comes from one setting, ``AVISA_RASA_URL`` (``Settings.rasa_url``); the model
switch also reaches the other replicas listed in ``AVISA_RASA_URLS`` (see `NluConfig`).
Every failure is `RasaUnavailable` (502 rasa_unavailable).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import aiohttp

from backend.domain.handoff_errors import RasaUnavailable

MODEL_TIMEOUT = aiohttp.ClientTimeout(total=300)


class RasaApi(Protocol):
    """What the improvement loop needs of Rasa."""

    async def tracker(self, conversation_id: str) -> dict[str, Any]: ...

    async def load_model(self, url: str, model_path: str) -> None: ...


class BotResumer(Protocol):
    """What handing a conversation back to the bot (or closing it) needs of Rasa."""

    async def resume(self, conversation_id: str, slots: Mapping[str, Any]) -> None: ...

    async def restart(self, conversation_id: str) -> None: ...


def resume_events(slots: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Resume, the slots, and a trailing ``action_listen``: the bot was paused inside its
    last action, so without it the customer's next message would follow that action, not a
    listen, match no rule (every rule starts after a listen) and get the fallback, or the
    handoff again."""
    events: list[dict[str, Any]] = [{"event": "resume"}]
    events += [{"event": "slot", "name": k, "value": v} for k, v in slots.items()]
    events.append({"event": "slot", "name": "handoff_requested", "value": False})
    events.append({"event": "action", "name": "action_listen"})
    return events


# A conversation an agent closed: the bot forgets it (slots, pause) and listens, so whatever
# the customer writes next starts afresh.
RESTART_EVENTS: list[dict[str, Any]] = [{"event": "restart"},
                                        {"event": "action", "name": "action_listen"}]


class RasaClient:
    """``urls[0]`` answers tracker reads and resumes; `load_model` is given each replica."""

    def __init__(self, urls: Sequence[str], token: str, timeout: float = 10.0) -> None:
        self.urls = tuple(u.rstrip("/") for u in urls)
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    @property
    def _params(self) -> dict[str, str]:
        return {"token": self._token} if self._token else {}

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        url = f"{self.urls[0]}/conversations/{conversation_id}/tracker"
        try:
            async with (aiohttp.ClientSession(timeout=self._timeout) as http,
                        http.get(url, params=self._params) as response):
                if response.status != 200:
                    raise RasaUnavailable(f"rasa tracker: status {response.status}")
                body: dict[str, Any] = await response.json()
                return body
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RasaUnavailable(f"rasa tracker: {exc or type(exc).__name__}") from exc

    async def load_model(self, url: str, model_path: str) -> None:
        try:
            async with (aiohttp.ClientSession(timeout=MODEL_TIMEOUT) as http,
                        http.put(f"{url}/model", params=self._params,
                                 json={"model_file": model_path}) as response):
                if response.status != 204:
                    detail = (await response.text())[:300]
                    raise RasaUnavailable(f"{url}: PUT /model status {response.status} {detail}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise RasaUnavailable(f"{url}: {exc or type(exc).__name__}") from exc

    async def resume(self, conversation_id: str, slots: Mapping[str, Any]) -> None:
        await self._append(conversation_id, resume_events(slots))

    async def restart(self, conversation_id: str) -> None:
        await self._append(conversation_id, RESTART_EVENTS)

    async def _append(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        url = f"{self.urls[0]}/conversations/{conversation_id}/tracker/events"
        try:
            async with (aiohttp.ClientSession(timeout=self._timeout) as http,
                        http.post(url, json=events, params=self._params) as response):
                if response.status >= 400:
                    body = (await response.text())[:200]
                    raise RasaUnavailable(f"Rasa answered {response.status}: {body}")
        except (TimeoutError, aiohttp.ClientError) as exc:
            raise RasaUnavailable(f"Rasa could not be reached: {exc!r}") from exc
