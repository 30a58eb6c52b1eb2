"""An agent at the console of the real stack, over HTTP as the console page speaks to it:
signed in with a session cookie and the CSRF header (backend/api/console_session.py)."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

from tests.e2e.clients import api_status, wait_until
from tests.e2e.conftest import Stack

QUEUES = ["general", "urgent", "verification"]


@dataclass
class ConsoleAgent:
    stack: Stack
    cookie: str = ""
    csrf: str = ""
    username: str = ""
    password: str = ""  # to sign in at the console page too

    @classmethod
    def signed_in(cls, stack: Stack) -> ConsoleAgent:
        """A new agent account in every queue (admin API), signed in to the console."""
        username, password = f"e2e-{secrets.token_hex(3)}", secrets.token_urlsafe(16)
        status, body = api_status(stack, "POST", "/api/agents", {
            "username": username, "name": "E2E Agent", "password": password,
            "queues": QUEUES, "language": "en"})
        assert status == 200, body
        agent = cls(stack, username=username, password=password)
        answer, headers = agent._send("POST", "/login",
                                      {"username": username, "password": password})
        cookie: SimpleCookie = SimpleCookie(headers.get("Set-Cookie", ""))
        agent.cookie, agent.csrf = cookie["avisa_console"].value, answer["csrf"]
        return agent

    def _send(self, method: str, path: str, body: Any = None) -> tuple[Any, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.stack.backend}/console/api{path}", data=data, method=method,
            headers={"Content-Type": "application/json", "X-CSRF-Token": self.csrf,
                     "Cookie": f"avisa_console={self.cookie}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read()), response.headers
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path}: {exc.code} {exc.read()[:300]!r}") from exc

    def get(self, path: str) -> Any:
        return self._send("GET", path)[0]

    def post(self, path: str, body: Any = None) -> Any:
        return self._send("POST", path, body or {})[0]

    def waiting_for(self, said: str, transcript: str = "") -> dict[str, Any]:
        """The queue card of the conversation in which the customer said ``said``
        (``transcript``: printed when there is none)."""
        def probe() -> dict[str, Any] | None:
            for item in self.get("/queue")["items"]:
                detail = self.get(f"/conversations/{item['conversation_id']}")
                texts = [m.get("text") for m in detail["transcript"]["messages"]]
                if said in texts:
                    return dict(item)
            return None
        found: dict[str, Any] = wait_until(f"a queue card for {said!r}:\n{transcript}", probe,
                                           timeout=30)
        return found

    def open_handoffs(self, conversation_id: str) -> list[dict[str, Any]]:
        return [i for i in self.get("/queue")["items"]
                if i["conversation_id"] == conversation_id]
