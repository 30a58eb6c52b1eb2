"""The provider stack (tests/channels/provider_stack.py: real backend and gateway, fake
Twilio and Telegram) with a fake Rasa that also speaks the HTTP API, agents' hours 24x7,
and a Rasa "action" that asks the backend for a handoff when the customer wants a person."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
from yarl import URL

from backend.api.keys import UOWS
from backend.bootstrap import create_app as create_backend
from backend.config import Settings as BackendSettings
from backend.domain.handoff_policy import HandoffPolicy
from tests.backend.handoff.fake_rasa import TOKEN, FakeRasaApi
from tests.backend.handoff.helpers import PASSWORD, add_agent
from tests.channels.provider_stack import (
    NO_SCHEDULER,
    TOKENS,
    AiohttpServer,
    MovableClock,
    Stack,
    seed,
    start_gateway,
)
from tests.fakes.served import served
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio

PERSON_WORDS = ("persona", "person", "agente", "agent")


def handoff_script(stack_ref: dict[str, Stack]) -> Any:
    """What Rasa and the action server do: a person → POST handoff; else answer."""

    async def answer(body: dict[str, Any]) -> list[dict[str, Any]]:
        stack, sender, text = stack_ref["stack"], body["sender"], str(body["message"])
        if any(word in text.lower() for word in PERSON_WORDS):
            status, result = await stack.api("POST", f"/api/conversations/{sender}/handoff",
                                             "actions", {"reason": "request_human",
                                                         "slots": {"symptom": "no imprime"}})
            assert status == 200, result
            wait = result["wait_minutes"]
            return [{"recipient_id": sender,
                     "text": f"Te paso con una persona. Espera aprox. {wait} min."}]
        return [{"recipient_id": sender, "text": f"bot: {text}"}]

    return answer


async def start_desk(aiohttp_server: AiohttpServer, tmp_path: Path, template: Path) -> Stack:
    database = tmp_path / "avisa.db"
    shutil.copyfile(template, database)
    rasa = await served(aiohttp_server, FakeRasaApi())
    clock = MovableClock()
    tokens = {**TOKENS, "admin": "admin-token"}
    backend = await aiohttp_server(create_backend(BackendSettings(
        database_url=f"sqlite+aiosqlite:///{database}", tokens=tokens, rasa_url=rasa.url,
        rasa_token=TOKEN, handoff=HandoffPolicy(hours="24x7"),
        attachments_dir=tmp_path / "files", scheduler_interval=NO_SCHEDULER), clock=clock))
    uows = backend.app[UOWS]
    await seed(uows)
    await add_agent(uows, "ana", ("general",))
    telegram, twilio = FakeTelegram(), FakeTwilio()
    await telegram.start()
    await twilio.start()
    stack = Stack(str(backend.make_url("")).rstrip("/"), uows, clock, rasa, telegram, twilio)
    rasa.before = handoff_script({"stack": stack})
    return stack


@contextlib.asynccontextmanager
async def desk_with_gateway(aiohttp_server: AiohttpServer, tmp_path: Path, template: Path
                            ) -> AsyncIterator[Stack]:
    """Backend (SQLite, demo data) and gateway with the Telegram and Twilio fakes; the fakes
    are stopped afterwards."""
    stack = await start_desk(aiohttp_server, tmp_path, template)
    try:
        await start_gateway(aiohttp_server, stack)
        yield stack
    finally:
        await stack.telegram.stop()
        await stack.twilio.stop()


async def agent_session(stack: Stack, username: str = "ana") -> tuple[aiohttp.ClientSession, str]:
    """A browser-like session signed in to the console: (session, CSRF token)."""
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.post(stack.backend_url + "/console/api/login",
                         json={"username": username, "password": PASSWORD}) as response:
        body = await response.json()
        assert response.status == 200, body
    assert http.cookie_jar.filter_cookies(URL(stack.backend_url + "/console"))
    return http, str(body["csrf"])
