"""The whole gateway with its provider channels on: the real backend in-process (fresh
migrated SQLite, a clock the test can move, starting on a working Wednesday morning), the
fake Rasa, and the local Telegram and Twilio fakes. Only base URLs differ from production."""

from __future__ import annotations

import json
import shutil
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from backend.adapters.orm import Contact, Conversation, Customer, Equipment, Message, Site
from backend.api.keys import UOWS
from backend.bootstrap import create_app as create_backend
from backend.config import Settings as BackendSettings
from channels.app import create_app
from channels.config import Settings
from channels.sms.settings import TwilioSettings
from channels.telegram.settings import TelegramSettings
from tests.channels.fakes import FakeRasa
from tests.channels.helpers import eventually
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.twilio_api import FakeTwilio
from tests.helpers.clock import SettableClock as MovableClock
from tools.stack_launch import free_port

FIXTURES = Path(__file__).parents[1] / "fixtures"
TOKENS = {"gateway": "gw-token", "agents": "agents-token", "actions": "actions-token"}
TELEGRAM_SECRET = "telegram-webhook-secret_0123"
# The backend's own scheduler loop is off (AVISA_SCHEDULER_INTERVAL=0): a test moves the clock
# and runs ``scheduler.tick`` itself; a background tick every 30 s on the same clock would
# race it (an offer expired by the loop between the test's ``advance`` and its ``tick``).
NO_SCHEDULER = 0.0
AiohttpServer = Callable[..., Awaitable[TestServer]]


def fixture(kind: str, name: str) -> Any:
    return json.loads((FIXTURES / kind / name).read_text(encoding="utf-8"))


@dataclass
class Stack:
    backend_url: str
    uows: Any
    clock: MovableClock
    rasa: FakeRasa
    telegram: FakeTelegram
    twilio: FakeTwilio
    gateway_url: str = ""
    app: web.Application | None = None

    async def api(self, method: str, path: str, role: str = "agents",
                  body: dict[str, Any] | None = None) -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {TOKENS[role]}"}
        async with aiohttp.ClientSession() as http, http.request(
                method, self.backend_url + path, json=body, headers=headers) as response:
            return response.status, await response.json()

    async def count(self, model: Any) -> int:
        async with self.uows() as uow:
            return int(await uow.session.scalar(select(func.count()).select_from(model)) or 0)

    async def rows_stored(self) -> int:
        return await self.count(Message) + await self.count(Conversation)

    async def conversation(self, channel: str, address: str) -> SimpleNamespace | None:
        """A snapshot of the (channel, address) conversation's columns, or None."""
        async with self.uows() as uow:
            result = await uow.session.execute(select(Conversation).where(
                Conversation.channel == channel, Conversation.address == address))
            row = result.scalar_one_or_none()
            if row is None:
                return None
            return SimpleNamespace(**{c.key: getattr(row, c.key)
                                      for c in Conversation.__table__.columns})

    async def messages(self, cid: str) -> list[dict[str, Any]]:
        status, body = await self.api("GET", f"/api/conversations/{cid}/messages")
        assert status == 200, body
        messages: list[dict[str, Any]] = body["messages"]
        return messages

    async def attachments(self, channel: str, address: str, count: int) -> list[dict[str, Any]]:
        """The attachments of the (channel, address) conversation, once there are ``count``."""

        async def check() -> list[dict[str, Any]]:
            conversation = await self.conversation(channel, address)
            if conversation is None:
                return []
            status, body = await self.api("GET",
                                          f"/api/conversations/{conversation.id}/attachments")
            assert status == 200, body
            found: list[dict[str, Any]] = body["attachments"]
            return found if len(found) >= count else []

        result: list[dict[str, Any]] = await eventually(check)
        return result


async def seed(uows: Any) -> None:
    """Two customers: C-1001 (Spanish, phone and e-mail on file), C-2001 (English)."""
    async with uows() as uow:
        uow.session.add_all([
            Customer(code="C-1001", name="Talleres Ebro S.L.", language="es", contacts=[
                Contact(name="Marta Lázaro", email="marta@talleresebro.es",
                        phone="+34976123456", preferred=True)],
                sites=[Site(id="S-1001-1", name="Planta Malpica", city="Zaragoza")]),
            Customer(code="C-2001", name="Thames Packaging Ltd", language="en", contacts=[
                Contact(name="John Smith", email="john@thames.example", phone="+447700900123",
                        preferred=True)]),
        ])
        await uow.session.flush()
        uow.session.add(Equipment(id="EQ-0001", serial="CMP-2291-X", customer_code="C-1001",
                                  site_id="S-1001-1", family="compressor",
                                  model="Atlas Copco GA 37", description="compresor"))
        await uow.commit()


async def start_stack(aiohttp_server: AiohttpServer, tmp_path: Path, template: Path,
                      rasa: FakeRasa) -> Stack:
    database = tmp_path / "avisa.db"
    shutil.copyfile(template, database)
    clock = MovableClock()
    backend = await aiohttp_server(create_backend(
        BackendSettings(database_url=f"sqlite+aiosqlite:///{database}", tokens=TOKENS,
                        attachments_dir=tmp_path / "files", scheduler_interval=NO_SCHEDULER),
        clock=clock))
    await seed(backend.app[UOWS])
    telegram, twilio = FakeTelegram(), FakeTwilio()
    await telegram.start()
    await twilio.start()
    return Stack(str(backend.make_url("")).rstrip("/"), backend.app[UOWS], clock, rasa,
                 telegram, twilio)


def gateway_settings(stack: Stack, public_url: str | None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "backend_url": stack.backend_url, "rasa_url": stack.rasa.url,
        "token_gateway": TOKENS["gateway"], "secret": "s" * 40, "demo": True,
        "outbox_poll_interval": 0.05, "backend_timeout": 5.0, "rasa_timeout": 5.0,
        "public_url": public_url,
        "telegram": TelegramSettings(token=stack.telegram.token, secret=TELEGRAM_SECRET,
                                  api_url=stack.telegram.api_url, poll_timeout=1),
        "twilio": TwilioSettings(account_sid=stack.twilio.account_sid,
                              auth_token=stack.twilio.auth_token, sender=stack.twilio.number,
                              api_url=stack.twilio.base_url),
    }
    values.update(overrides)
    return Settings(**values)


async def start_gateway(aiohttp_server: AiohttpServer, stack: Stack,
                        public_url: str | None = "", **overrides: Any) -> Stack:
    """Serve the gateway on a real port. ``public_url=""`` means: its own URL (webhook
    mode); ``None``: no public URL (Telegram polling mode)."""
    port = free_port()
    own = f"http://127.0.0.1:{port}"
    app = create_app(gateway_settings(stack, own if public_url == "" else public_url,
                                      **overrides))
    server = await aiohttp_server(app, port=port)
    stack.gateway_url = str(server.make_url("")).rstrip("/")
    stack.app = app
    return stack
