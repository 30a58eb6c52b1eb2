"""Console sign-in (issue 19, finding 6): cross-site sign-ins refused; failures throttle
the (username, address) pair that made them, never the account, so a stranger cannot
lock an agent out; the same answers for usernames that exist and that do not; the cookie
is Secure unless the console is reached on plain loopback."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import pytest

from backend.api.login_guard import FREE_FAILURES, LoginGuard
from backend.domain.handoff_errors import SignInThrottled
from tests.backend.handoff.helpers import PASSWORD

LOGIN = "/console/api/login"
T0 = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)


async def test_cross_site_sign_ins_are_refused(desk: Any) -> None:
    good = {"username": "ana", "password": PASSWORD}
    resp = await desk.post(LOGIN, json=good, headers={"Origin": "https://evil.example"})
    assert resp.status == 403 and (await resp.json())["error"]["code"] == "csrf_refused"
    resp = await desk.post(LOGIN, data='{"username": "ana", "password": "x"}',
                           headers={"Content-Type": "text/plain"})  # a "simple" request
    assert resp.status == 403
    assert "avisa_console" not in resp.cookies
    resp = await desk.post(LOGIN, json=good, headers={"Origin": f"http://{desk.host}:{desk.port}"})
    assert resp.status == 200


async def test_a_stranger_guessing_slows_down_only_themselves(desk: Any) -> None:
    url = str(desk.make_url(LOGIN))
    stranger = aiohttp.ClientSession(connector=aiohttp.TCPConnector(
        local_addr=("127.0.0.2", 0), force_close=True))
    try:
        statuses = []
        for n in range(8):
            async with stranger.post(url, json={"username": "ana",
                                                "password": f"guess-{n}"}) as resp:
                statuses.append(resp.status)
                body = await resp.json()
        assert statuses[:FREE_FAILURES] == [401] * FREE_FAILURES and 429 in statuses
        assert body["error"]["code"] == "sign_in_throttled" and body["error"]["retry_after"] >= 1
        # even the right password waits, from that address
        async with stranger.post(url, json={"username": "ana", "password": PASSWORD}) as resp:
            assert resp.status == 429
    finally:
        await stranger.close()
    # the real agent, from her own address, signs in at once
    resp = await desk.post(LOGIN, json={"username": "ana", "password": PASSWORD})
    assert resp.status == 200


async def test_unknown_and_known_usernames_get_the_same_answers(desk: Any) -> None:
    answers = {}
    for username in ("ana", "nobody-here"):
        seen = []
        for n in range(5):
            resp = await desk.post(LOGIN, json={"username": username, "password": f"x{n}"})
            error = (await resp.json())["error"]
            seen.append((resp.status, error["code"], error["message"].split(";")[0]))
        answers[username] = seen
    assert answers["ana"] == answers["nobody-here"]


@pytest.mark.parametrize(("host", "secure"), [(None, False), ("desk.example.com", True)])
async def test_the_cookie_is_secure_unless_on_plain_loopback(
        desk: Any, host: str | None, secure: bool) -> None:
    headers = {"Host": host} if host else {}
    resp = await desk.post(LOGIN, json={"username": "ana", "password": PASSWORD},
                           headers=headers)
    assert resp.status == 200
    assert bool(resp.cookies["avisa_console"]["secure"]) is secure


def test_waits_grow_per_pair_and_a_success_clears_them() -> None:
    guard = LoginGuard()
    for _ in range(FREE_FAILURES):
        guard.check("ana", "10.0.0.9", T0)
        guard.failed("Ana ", "10.0.0.9", T0)
    with pytest.raises(SignInThrottled) as first:
        guard.check("ana", "10.0.0.9", T0)
    assert first.value.extra()["retry_after"] == 1
    guard.check("ana", "10.0.0.7", T0)  # another address: no wait
    guard.check("bea", "10.0.0.9", T0)  # another username from there: no wait yet
    later = T0 + timedelta(seconds=1)
    guard.check("ana", "10.0.0.9", later)
    guard.failed("ana", "10.0.0.9", later)
    with pytest.raises(SignInThrottled) as second:
        guard.check("ana", "10.0.0.9", later)
    assert second.value.extra()["retry_after"] == 2
    guard.succeeded("ana", "10.0.0.9")
    guard.check("ana", "10.0.0.9", later)
    # a window later everything is forgotten
    guard.failed("carl", "10.0.0.9", later)
    guard.check("carl", "10.0.0.9", later + timedelta(minutes=16))
