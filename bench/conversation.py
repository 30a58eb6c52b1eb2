"""One scripted customer: greeting, fault report, verification with the one-time code
from the dev outbox, the form's buttons, a status question and small talk — in English
or Spanish — over either path:

* ``gateway``: the gateway's REST channel (stores every message, then asks Rasa);
* ``rasa``: Rasa's own REST channel, with a conversation opened in the backend first
  (the Rasa sender id is the backend conversation id, as the gateway sends it).
"""

from __future__ import annotations

import asyncio
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp

from bench.customers import BenchCustomer
from bench.stack import Stack

INCIDENT = re.compile(r"INC-\d{5,}")
CODE = re.compile(r"\b(\d{6})\b")
TIMEOUT = aiohttp.ClientTimeout(total=60)

LINES = {
    "en": {"greet": "Hello", "report": "Our compressor {serial} has been leaking oil since this "
           "morning", "otp": "Send me a code", "status": "What is the status of {incident}?",
           "thanks": "Thank you!",
           "bot": "Are you a bot?"},
    "es": {"greet": "Hola, buenos días", "report": "El compresor {serial} pierde aceite desde "
           "esta mañana", "otp": "Mándame el código",
           "status": "¿Cómo va la incidencia {incident}?",
           "thanks": "¡Muchas gracias!", "bot": "¿Eres un bot?"},
}


class ConversationError(Exception):
    """The bot did not follow the expected path (counted, not fatal)."""


@dataclass
class Outbox:
    """One poller of the dev outbox for every waiting customer (not one per customer)."""

    stack: Stack
    http: aiohttp.ClientSession
    interval: float = 0.25
    used: set[str] = field(default_factory=set)

    async def code_for(self, address: str, since: datetime, wait: float = 20.0) -> str:
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            for item in await self._items():
                sent = datetime.fromisoformat(item["created_at"])
                if (item["address"] == address and item["kind"] == "otp" and sent >= since
                        and item["id"] not in self.used):
                    match = CODE.search(item["text"])
                    if match:
                        self.used.add(item["id"])
                        return match.group(1)
            await asyncio.sleep(self.interval)
        raise ConversationError(f"no one-time code for {address}")

    _cache: tuple[float, list[dict[str, Any]]] = (0.0, [])
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def _items(self) -> list[dict[str, Any]]:
        async with self._lock:
            if time.monotonic() - self._cache[0] >= self.interval:
                token = self.stack.tokens["AVISA_TOKEN_REST"]
                async with self.http.get(
                        f"{self.stack.gateway}/dev/outbox.json", timeout=TIMEOUT,
                        headers={"Authorization": f"Bearer {token}"},
                ) as resp:
                    resp.raise_for_status()
                    body = await resp.json()
                self._cache = (time.monotonic(), list(body["items"]))
            return self._cache[1]


@dataclass
class Customer:
    path: str  # "gateway" | "rasa"
    who: BenchCustomer
    stack: Stack
    http: aiohttp.ClientSession
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    heard: list[dict[str, Any]] = field(default_factory=list)
    sender: str = ""
    address: str = ""

    async def open(self) -> None:
        address = self.address = f"bench-{secrets.token_hex(5)}"
        if self.path == "gateway":
            self.sender = address
            return
        body = {"channel": "rest", "address": address, "text": "(bench)",
                "metadata": {"language": self.who.language}}
        async with self.http.post(
                f"{self.stack.backend}/api/messages/inbound", json=body, timeout=TIMEOUT,
                headers={"Authorization": f"Bearer {self.stack.tokens['AVISA_TOKEN_GATEWAY']}"},
        ) as resp:
            resp.raise_for_status()
            self.sender = str((await resp.json())["conversation_id"])

    async def say(self, text: str) -> list[dict[str, Any]]:
        if self.path == "gateway":
            url = f"{self.stack.gateway}/webhooks/rest/webhook"
            body: dict[str, Any] = {"sender": self.sender, "message": text}
            headers = {"Authorization": f"Bearer {self.stack.tokens['AVISA_TOKEN_REST']}"}
        else:
            url = f"{self.stack.rasa}/webhooks/rest/webhook"
            body = {"sender": self.sender, "message": text, "input_channel": "rest",
                    "metadata": {"channel": "rest", "address": self.address,
                                 "conversation_id": self.sender}}
            headers = {}
        started = time.perf_counter()
        try:
            async with self.http.post(url, json=body, headers=headers, timeout=TIMEOUT) as resp:
                raw = await resp.json(content_type=None)
                ok = resp.status == 200
        except (aiohttp.ClientError, TimeoutError, ValueError):
            ok, raw = False, []
        self.latencies.append(time.perf_counter() - started)
        if not ok or not isinstance(raw, list) or not raw:
            self.errors += 1
            return []
        self.heard.extend(raw)
        return raw

    def transcript(self) -> str:
        return "\n".join(str(r.get("text", "")) for r in self.heard)

    async def press(self, replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
        payloads = [str(b["payload"]) for r in replies for b in r.get("buttons", [])]
        if not payloads:
            raise ConversationError(f"no buttons and no incident:\n{self.transcript()}")
        chosen = ([p for p in payloads if '"high"' in p] or
                  [p for p in payloads if self.who.equipment in p] or payloads)
        return await self.say(chosen[0])

    async def play(self, outbox: Outbox) -> None:
        """The whole conversation; raises ConversationError when the bot strays."""
        lines = LINES[self.who.language]
        await self.open()
        await self.say(lines["greet"])
        await self.say(lines["report"].format(serial=self.who.serial))
        await self.say(self.who.code)
        # the verification form asks for a second factor; the bench asks for the one-time code
        since = datetime.now(UTC) - timedelta(seconds=1)
        await self.say(lines["otp"])
        replies = await self.say(await outbox.code_for(self.who.email, since))
        for _ in range(5):
            if INCIDENT.search(self.transcript()):
                break
            replies = await self.press(replies)
        found = INCIDENT.search(self.transcript())
        if not found:
            raise ConversationError(f"no incident id:\n{self.transcript()}")
        await self.say(lines["status"].format(incident=found.group(0)))
        await self.say(lines["thanks"])
        await self.say(lines["bot"])
