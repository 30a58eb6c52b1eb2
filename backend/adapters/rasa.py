"""Rasa's HTTP API as the improvement loop uses it (--enable-api, token auth): read a
conversation's tracker, load a model on a replica (PUT /model swaps it in-process)."""

from __future__ import annotations

from typing import Any, Protocol

import aiohttp

from backend.services.nlu.errors import NluRasaError

TIMEOUT = aiohttp.ClientTimeout(total=300)


class RasaApi(Protocol):
    async def tracker(self, conversation_id: str) -> dict[str, Any]: ...

    async def load_model(self, url: str, model_path: str) -> None: ...


class RasaHttpApi:
    def __init__(self, urls: tuple[str, ...], token: str) -> None:
        self.urls, self._token = urls, token

    async def tracker(self, conversation_id: str) -> dict[str, Any]:
        url = f"{self.urls[0]}/conversations/{conversation_id}/tracker"
        try:
            async with (aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http,
                        http.get(url, params={"token": self._token}) as response):
                if response.status != 200:
                    raise NluRasaError(f"rasa tracker: status {response.status}")
                body: dict[str, Any] = await response.json()
                return body
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise NluRasaError(f"rasa tracker: {exc or type(exc).__name__}") from exc

    async def load_model(self, url: str, model_path: str) -> None:
        try:
            async with (aiohttp.ClientSession(timeout=TIMEOUT) as http,
                        http.put(f"{url}/model", params={"token": self._token},
                                 json={"model_file": model_path}) as response):
                if response.status != 204:
                    detail = (await response.text())[:300]
                    raise NluRasaError(f"{url}: PUT /model status {response.status} {detail}")
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise NluRasaError(f"{url}: {exc or type(exc).__name__}") from exc
