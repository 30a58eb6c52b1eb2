"""Without a valid agent session every console page and call is refused; sessions expire;
writes need the CSRF token; agents only see their queues."""

from __future__ import annotations

from typing import Any

import pytest

from backend.api.routes_console import RAW
from tests.backend.handoff.helpers import PASSWORD, escalate, sign_in

PUBLIC_PATHS = {"/console/api/login", "/console/login", "/console/static/{name}"}


def concrete(path: str) -> str:
    return (path.replace("{hid}", "1").replace("{cid}", "CONV-00001")
            .replace("{iid}", "INC-00001").replace("{name}", "console.js")
            .replace("{code}", "C-1001").replace("{aid}", "ATT-00001"))


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _ in RAW
                                              if p not in PUBLIC_PATHS])
async def test_every_console_route_is_refused_without_a_session(desk, method, path):
    await escalate(desk)
    resp = await desk.request(method, concrete(path), json={}, allow_redirects=False)
    if path.startswith("/console/api") or path == "/console/ws":
        assert resp.status == 401, path
        assert (await resp.json())["error"]["code"] == "no_session"
    else:
        assert resp.status == 303 and resp.headers["Location"] == "/console/login"


async def test_the_sign_in_page_and_assets_are_public_and_locked_down(desk):
    resp = await desk.get("/console/login")
    assert resp.status == 200 and "login-form" in await resp.text()
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert (await desk.get("/console/static/..%2F..%2Fconfig.py")).status in (401, 404)
    assert (await desk.get("/console/static/secret.py")).status == 404


async def test_a_forged_or_wrong_password_cookie_gets_nothing(desk):
    resp = await desk.post("/console/api/login", json={"username": "ana", "password": "nope"})
    assert resp.status == 401 and (await resp.json())["error"]["code"] == "sign_in_failed"
    resp = await desk.get("/console/api/queue", headers={"Cookie": "avisa_console=forged"})
    assert resp.status == 401


async def test_the_session_cookie_is_httponly_and_samesite(desk):
    resp = await desk.post("/console/api/login", json={"username": "ana", "password": PASSWORD})
    cookie = resp.cookies["avisa_console"]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/console"


async def test_sessions_expire_when_idle_and_after_their_lifetime(desk, clock):
    console = await sign_in(desk, "ana")
    clock.advance(minutes=59)
    assert (await console.get("/queue"))[0] == 200
    clock.advance(minutes=61)  # idle for more than an hour
    status, body = await console.get("/queue")
    assert status == 401 and body["error"]["code"] == "no_session"
    console = await sign_in(desk, "ana")
    for _ in range(9):
        clock.advance(minutes=55)
        status, _ = await console.get("/me")
    assert status == 401  # 8 hours at most, however busy


async def test_writes_need_the_csrf_token_and_the_same_origin(desk):
    _, answer = await escalate(desk)
    console = await sign_in(desk, "ana")
    cookie = {"Cookie": f"avisa_console={console.cookie}"}
    resp = await desk.post(f"/console/api/handoffs/{answer['handoff_id']}/take", headers=cookie)
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "csrf_refused"
    resp = await desk.post(f"/console/api/handoffs/{answer['handoff_id']}/take",
                           headers={**cookie, "X-CSRF-Token": console.csrf,
                                    "Origin": "http://evil.example"})
    assert resp.status == 403
    status, _ = await console.post(f"/handoffs/{answer['handoff_id']}/take")
    assert status == 200


async def test_an_agent_cannot_read_or_take_a_conversation_of_another_queue(desk):
    cid, answer = await escalate(desk)  # queue general
    carl = await sign_in(desk, "carl")  # billing only
    status, body = await carl.get(f"/conversations/{cid}")
    assert status == 403 and body["error"]["code"] == "not_your_queue"
    status, _ = await carl.post(f"/handoffs/{answer['handoff_id']}/take")
    assert status == 403
    status, queue = await carl.get("/queue")
    assert queue["items"] == []
    ana = await sign_in(desk, "ana")
    status, detail = await ana.get(f"/conversations/{cid}")
    assert status == 200 and detail["customer"]["code"] == "C-1001"


async def test_changing_the_password_ends_the_sessions(desk):
    from backend.api.keys import UOWS
    from backend.services.handoff.agents import set_password

    console = await sign_in(desk, "ana")
    await set_password(desk.server.app[UOWS], "ana", "another long password")
    assert (await console.get("/me"))[0] == 401


async def test_admins_manage_accounts_over_the_api(desk: Any):
    from tests.backend.helpers import call

    status, body = await call(desk, "POST", "/api/agents", "admin", json={
        "username": "dora", "password": "short", "queues": ["general"]})
    assert status == 400 and body["error"]["code"] == "weak_password"
    status, body = await call(desk, "POST", "/api/agents", "admin", json={
        "username": "dora", "password": "long enough password", "queues": ["urgent"]})
    assert status == 201 and body["queues"] == ["urgent"]
    assert "password" not in str(body)
    status, _ = await call(desk, "POST", "/api/agents", "agents", json={
        "username": "eve", "password": "long enough password"})
    assert status == 403
    status, body = await call(desk, "PUT", "/api/agents/dora/queues", "admin",
                              json={"queues": ["general", "urgent"]})
    assert status == 200 and body["queues"] == ["general", "urgent"]
    status, body = await call(desk, "GET", "/api/agents", "admin")
    assert [a["username"] for a in body["agents"]] == ["ana", "bea", "carl", "dora", "root"]
