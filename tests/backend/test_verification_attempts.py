"""Wrong second factors bounded across conversations (issue 19 §2, acceptance 2).

A guesser who opens a new conversation (a new sender id) for every try no longer gets three
fresh tries each: wrong serials, e-mails and one-time codes are counted per customer code
typed (known or not) and per client (the channel the senders come through), with a back-off
from the third failure for one code on. Past the configured number nothing is checked (not
even the right factor), the answer is 429 too_many_attempts with a wait, the same for an
unknown and a known customer code, and the desk's supervisors are alerted once."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from backend.config import Settings
from backend.domain.otp_limits import OtpLimits
from tests.backend.helpers import call, claim_outbox, inbound
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r"\b(\d{6})\b")
LIMITS = OtpLimits(failures_per_customer=5, failures_per_client=12)
T0 = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)


@pytest.fixture
def backend_settings(db_url: str, tokens: dict[str, str]) -> Settings:
    return Settings(database_url=db_url, tokens=tokens, otp_limits=LIMITS)


async def conversation(client: Any, session: str, channel: str = "web") -> str:
    return str((await inbound(client, channel, session))["conversation_id"])


async def guess(client: Any, cid: str, code: str, typed: str) -> tuple[int, Any]:
    return await call(client, "POST", f"/api/conversations/{cid}/verification/factor",
                      "actions", json={"customer_code": code, "factor": typed})


def shape(answer: tuple[int, Any]) -> tuple[int, str, tuple[str, ...]]:
    status, body = answer
    return status, body["error"]["code"], tuple(sorted(body["error"]))


async def test_twenty_senders_guessing_one_customer_code_are_stopped_at_the_limit(
        client: Any, clock: FakeClock) -> None:
    answers = []
    for n in range(20):
        cid = await conversation(client, f"guesser-{n}")
        answers.append(await guess(client, cid, "C-1001", f"SN-{90000 + n}"))
        clock.advance(minutes=1)
    statuses = [status for status, _ in answers]
    assert statuses == [400] * 5 + [429] * 15
    for _, body in answers[5:]:
        assert body["error"]["code"] == "too_many_attempts" and body["error"]["retry_after"] > 0
    # nothing is checked while paused: not even the customer's own serial verifies
    cid = await conversation(client, "lucky-guess")
    assert (await guess(client, cid, "C-1001", "SN-48213"))[0] == 429
    _, found = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert found["verified"] is False
    alerts = [i for i in await claim_outbox(client) if i["kind"] == "supervisor_alert"]
    assert len(alerts) == 1 and "C-1001" in alerts[0]["text"]
    # an hour after the guessing stops, the real customer verifies again
    clock.advance(hours=1)
    cid = await conversation(client, "the-real-customer")
    status, body = await guess(client, cid, "C-1001", "SN-48213")
    assert status == 200 and body["verified"] is True


async def test_an_unknown_and_a_known_customer_code_get_the_same_answers(
        client: Any, clock: FakeClock) -> None:
    known: list[tuple[int, str, tuple[str, ...]]] = []
    unknown: list[tuple[int, str, tuple[str, ...]]] = []
    for n in range(9):
        for code, seen in (("C-1001", known), ("C-9999", unknown)):
            cid = await conversation(client, f"{code}-{n}")
            seen.append(shape(await guess(client, cid, code, "FRG-7781")))
        clock.advance(minutes=1)
    assert known == unknown
    assert [s for s, _, _ in known] == [400] * 5 + [429] * 4
    alerts = [i for i in await claim_outbox(client) if i["kind"] == "supervisor_alert"]
    assert ["C-1001" in a["text"] for a in alerts] == [True]  # the desk hears of customers


async def test_wrong_one_time_codes_count_with_wrong_factors(
        client: Any, clock: FakeClock) -> None:
    for n in range(3):
        cid = await conversation(client, f"coder-{n}")
        status, _ = await call(client, "POST", f"/api/conversations/{cid}/verification",
                               "actions", json={"customer_code": "C-1001"})
        assert status == 200
        [sent] = [CODE.search(i["text"]).group(1)  # type: ignore[union-attr]
                  for i in await claim_outbox(client)
                  if i["kind"] == "otp" and i["conversation_id"] == cid]
        wrong = f"{(int(sent) + 1) % 10**6:06d}"
        status, body = await call(client, "POST", f"/api/conversations/{cid}/verification/check",
                                  "actions", json={"code": wrong})
        assert (status, body["error"]["code"]) == (400, "wrong_code")
        clock.advance(minutes=1)
    for n in range(2):
        cid = await conversation(client, f"factor-{n}")
        assert (await guess(client, cid, "c-1001", "XX-0000"))[0] == 400
        clock.advance(minutes=1)
    cid = await conversation(client, "sixth")
    status, body = await guess(client, cid, "C-1001", "XX-0000")
    assert (status, body["error"]["code"]) == (429, "too_many_attempts")


async def test_one_client_guessing_many_customer_codes_is_stopped_others_are_not(
        client: Any, clock: FakeClock) -> None:
    statuses = []
    for n in range(15):
        cid = await conversation(client, f"sweep-{n}")
        statuses.append((await guess(client, cid, f"C-{2000 + n}", "XX-0000"))[0])
        clock.advance(seconds=20)
    assert statuses == [400] * 12 + [429] * 3
    cid = await conversation(client, "+34600111222", channel="sms")  # another client
    assert (await guess(client, cid, "C-3000", "XX-0000"))[0] == 400


def test_the_failure_limits_and_back_off() -> None:
    limits = OtpLimits(failures_per_customer=5, failures_per_client=12,
                       window=timedelta(hours=1), backoff=timedelta(seconds=30))
    at = [T0 + timedelta(seconds=s) for s in (0, 1, 2)]
    assert limits.failure_refusal(T0, [], []) is None
    assert limits.failure_refusal(T0 + timedelta(seconds=2), at[:2], at[:2]) is None
    # from the third failure for a code on, each next check waits: 30 s, then 60 s
    refusal = limits.failure_refusal(T0 + timedelta(seconds=12), at, at)
    assert refusal is not None and refusal.reason == "backoff" and refusal.seconds == 20
    assert limits.failure_refusal(T0 + timedelta(seconds=32), at, at) is None
    four = [*at, T0 + timedelta(seconds=40)]
    refusal = limits.failure_refusal(T0 + timedelta(seconds=50), four, four)
    assert refusal is not None and refusal.seconds == 50
    five = [T0 + timedelta(minutes=m) for m in (0, 5, 10, 20, 40)]
    refusal = limits.failure_refusal(T0 + timedelta(minutes=50), five, five)
    assert refusal is not None and refusal.reason == "customer"
    assert refusal.retry_after == timedelta(minutes=10)
    twelve = [T0 + timedelta(minutes=m) for m in range(12)]
    refusal = limits.failure_refusal(T0 + timedelta(minutes=30), [], twelve)
    assert refusal is not None and refusal.reason == "client"
    assert limits.failure_refusal(T0 + timedelta(minutes=61), [], twelve[1:]) is None


def test_failure_limits_from_the_environment() -> None:
    limits = OtpLimits.from_env({"AVISA_VERIFY_FAILURES_PER_CUSTOMER": "3",
                                 "AVISA_VERIFY_FAILURES_PER_CLIENT": "40"})
    assert (limits.failures_per_customer, limits.failures_per_client) == (3, 40)
    assert (OtpLimits().failures_per_customer, OtpLimits().failures_per_client) == (5, 50)


def test_the_paused_answer_exists_in_spanish_and_english() -> None:
    domain = yaml.safe_load((ROOT / "bot/domain/verification.yml").read_text("utf-8"))
    es, en = domain["responses"]["utter_verification_paused"]
    assert es["condition"] == [{"type": "slot", "name": "language", "value": "es"}]
    for variant in (es, en):
        assert set(re.findall(r"{(\w+)}", variant["text"])) == {"minutes"}


async def test_asking_a_code_for_an_unknown_and_a_known_customer_code_answers_alike(
        client: Any) -> None:
    """The unverified sender learns nothing from the answer: same status, same fields, no
    contact, whether the customer code is on file or not (only the typed code echoed)."""
    answers = {}
    for code in ("C-1001", "C-9999"):
        cid = await conversation(client, f"ask-{code}")
        status, body = await call(client, "POST", f"/api/conversations/{cid}/verification",
                                  "actions", json={"customer_code": code})
        _, found = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
        answers[code] = (status, {**body, "customer_code": "·"}, found)
    assert answers["C-1001"] == answers["C-9999"]
    status, body, found = answers["C-1001"]
    assert status == 200 and set(body) == {"status", "customer_code", "expires_in"}
    assert found["verified"] is False and found["customer"] is None
