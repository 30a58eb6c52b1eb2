"""The action server is reachable only by its caller (issue 19, acceptance 1).

The real action server (``python -m actions.server`` in .venv/bot) runs on loopback in
front of the real backend. A call without the shared secret, or with a wrong one, is
refused (401) before any action runs; a call with the secret that names a conversation
nobody is talking on (a forged id, or an old conversation) is refused by the backend.
Either way nothing is read or written: no verification row, no code in the outbox, and
the backend saw no action request at all for the unauthenticated calls."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from sqlalchemy import func, select

from backend.adapters.orm import OutboxItem, Verification
from backend.bootstrap import create_app
from backend.config import Settings
from backend.services.platform.uow import UnitOfWorkFactory
from tests.backend.helpers import h, uows_over
from tests.conftest import FakeClock
from tools.stack_launch import free_port

ROOT = Path(__file__).resolve().parents[2]
BOT_PYTHON = ROOT / ".venv" / "bot" / "bin" / "python"
SECRET = "test-action-server-secret"
pytestmark = pytest.mark.skipif(not BOT_PYTHON.exists(), reason="no .venv/bot (make env)")


def action_call(cid: str, customer_code: str = "C-1001", text: str = "x") -> dict[str, Any]:
    """What Rasa posts to /webhook for the verification form's customer code (``text``: what
    the customer typed; a code and a serial together are checked at once)."""
    tracker = {"sender_id": cid, "slots": {"customer_code": customer_code,
                                           "requested_slot": "customer_code"},
               "latest_message": {"intent": {"name": "inform"}, "entities": [], "text": text},
               "events": [{"event": "user", "text": text, "parse_data": {}},
                          {"event": "slot", "name": "customer_code", "value": customer_code}],
               "paused": False, "followup_action": None,
               "active_loop": {"name": "verification_form"},
               "latest_action_name": "action_listen"}
    return {"next_action": "validate_verification_form", "sender_id": cid,
            "tracker": tracker, "domain": {"slots": {"customer_code": {}, "otp_code": {}},
                                           "forms": {"verification_form": {
                "required_slots": ["customer_code", "otp_code"]}}},
            "version": "3.6.21"}


@pytest.fixture
async def uows(demo_db: str, clock: FakeClock) -> AsyncIterator[UnitOfWorkFactory]:
    async with uows_over(demo_db, clock) as factory:
        yield factory


@pytest.fixture
async def backend(demo_db: str, tokens: dict[str, str], clock: FakeClock,
                  aiohttp_server: Any) -> AsyncIterator[tuple[str, list[str]]]:
    seen: list[str] = []

    @web.middleware
    async def record(request: web.Request, handler: Any) -> web.StreamResponse:
        seen.append(f"{request.method} {request.path}")
        response: web.StreamResponse = await handler(request)
        return response

    app = create_app(Settings(database_url=demo_db, tokens=tokens), clock=clock)
    app.middlewares.insert(0, record)
    server = await aiohttp_server(app)
    yield str(server.make_url("")).rstrip("/"), seen


@pytest.fixture
async def action_server(backend: tuple[str, list[str]], tokens: dict[str, str],
                        tmp_path: Path) -> AsyncIterator[str]:
    port = free_port()
    env = {**os.environ, "AVISA_BACKEND_URL": backend[0], "AVISA_TOKEN_ACTIONS":
           tokens["actions"], "AVISA_TOKEN_ACTION_SERVER": SECRET,
           "AVISA_TOKENS_FILE": str(tmp_path / "none.env")}
    env.pop("AVISA_ACTIONS_HOST", None)
    proc = await asyncio.create_subprocess_exec(
        str(BOT_PYTHON), "-m", "actions.server", "-p", str(port), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            for _ in range(600):
                try:
                    async with session.get(f"{url}/health") as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientError:
                    pass
                if proc.returncode is not None:
                    raise RuntimeError("the action server exited")
                await asyncio.sleep(0.25)
            else:
                raise RuntimeError("the action server did not start")
        yield url
    finally:
        proc.terminate()
        await proc.wait()


async def nothing_written(uows: UnitOfWorkFactory) -> bool:
    async with uows() as uow:
        challenges = await uow.session.scalar(select(func.count()).select_from(Verification))
        codes = await uow.session.scalar(select(func.count()).select_from(OutboxItem)
                                         .where(OutboxItem.kind == "otp"))
    return challenges == 0 and codes == 0


async def test_calls_without_the_secret_or_for_a_forged_conversation_are_refused(
        action_server: str, backend: tuple[str, list[str]], uows: UnitOfWorkFactory) -> None:
    base, seen = backend
    async with aiohttp.ClientSession(headers=h("gateway")) as session:
        resp = await session.post(f"{base}/api/messages/inbound", json={
            "channel": "web", "address": "session-1", "text": "hola"})
        real = str((await resp.json())["conversation_id"])
    seen.clear()
    async with aiohttp.ClientSession() as session:
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": SECRET}):
            async with session.post(f"{action_server}/webhook", json=action_call(real),
                                    headers=headers) as resp:
                assert resp.status == 401, headers
            async with session.get(f"{action_server}/actions", headers=headers) as resp:
                assert resp.status == 401
        assert seen == []  # no action ran: the backend was not even asked
        assert await nothing_written(uows)

        auth = {"Authorization": f"Bearer {SECRET}"}
        forged = action_call("CONV-99999", text="C-1001 SN-50331")  # code + serial: checked now
        async with session.post(f"{action_server}/webhook", json=forged, headers=auth) as resp:
            assert resp.status == 200
            body = await resp.json()
        # the backend refused the forged conversation: nothing verified, nothing written
        assert seen == ["POST /api/conversations/CONV-99999/verification/factor"]
        assert not [e for e in body["events"]
                    if e.get("name") == "verified" and e.get("value") is True], body
        assert await nothing_written(uows)

        # the secret itself works: the real conversation, whose sender is talking now
        async with session.post(f"{action_server}/webhook",
                                json=action_call(real, text="C-1001 SN-48213"),
                                headers=auth) as resp:
            assert resp.status == 200
    assert seen[-1] == f"POST /api/conversations/{real}/verification/factor"
    assert not await nothing_written(uows)


async def test_actions_token_cannot_act_on_a_conversation_out_of_session(
        client: Any, clock: FakeClock, uows: UnitOfWorkFactory) -> None:
    async def inbound(address: str) -> str:
        resp = await client.post("/api/messages/inbound", headers=h("gateway"),
                                 json={"channel": "web", "address": address, "text": "hola"})
        return str((await resp.json())["conversation_id"])

    old = await inbound("yesterday")
    clock.advance(hours=25)
    for cid in (old, "CONV-99999", "nonsense"):
        for method, path, body in (("GET", "/identity", None),
                                   ("POST", "/verification", {"customer_code": "C-1001"}),
                                   ("GET", "/equipment", None)):
            resp = await client.request(method, f"/api/conversations/{cid}{path}",
                                        headers=h("actions"), json=body)
            assert resp.status == 404, (cid, path)
            assert (await resp.json())["error"]["code"] == "not_found"
    assert await nothing_written(uows)
    await inbound("yesterday")  # the sender writes again: in session again
    resp = await client.get(f"/api/conversations/{old}/identity", headers=h("actions"))
    assert resp.status == 200
