"""One-time codes bounded per customer, contact and sender (issue 19, acceptance 2).

20 new conversations (20 sender ids) ask for codes for one customer: no more than the
configured number leave (counted in the outbox, what the gateway delivers), the rest get
429 too_many_codes with a wait, and the desk's supervisors are alerted once. The limit
rules themselves are checked on their own (backend/domain/otp_limits.py)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from backend.domain.otp_limits import OtpLimits
from tests.backend.helpers import call, claim_outbox, inbound
from tests.conftest import FakeClock

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 12, 9, 9, 0, tzinfo=UTC)


async def ask(client: Any, cid: str, code: str = "C-1001") -> tuple[int, Any]:
    return await call(client, "POST", f"/api/conversations/{cid}/verification", "actions",
                      json={"customer_code": code})


async def test_twenty_senders_one_customer_at_most_five_codes_leave(
        client: Any, clock: FakeClock) -> None:
    answers = []
    for n in range(20):
        cid = (await inbound(client, "web", f"load-{n}"))["conversation_id"]
        answers.append(await ask(client, cid))
        clock.advance(minutes=1)
    items = await claim_outbox(client)
    codes = [i for i in items if i["kind"] == "otp"]
    assert 1 <= len(codes) <= 5
    assert {i["address"] for i in codes} == {"marta.lazaro@talleresebro.es"}
    sent = [body for status, body in answers if status == 200]
    refused = [body for status, body in answers if status != 200]
    assert len(sent) == len(codes) and len(refused) == 20 - len(codes)
    for status, body in answers:
        assert status in (200, 429)
        if status == 429:
            assert body["error"]["code"] == "too_many_codes"
            assert body["error"]["retry_after"] > 0
    alerts = [i for i in items if i["kind"] == "supervisor_alert"]
    assert len(alerts) == 1 and "C-1001" in alerts[0]["text"]
    # an hour after the flood stops, the real customer gets a code again
    clock.advance(hours=1)
    cid = (await inbound(client, "web", "the-real-customer"))["conversation_id"]
    assert (await ask(client, cid))[0] == 200
    # (claimed items never acknowledged are offered again after their lease: filter)
    again = [i for i in await claim_outbox(client) if i["conversation_id"] == cid]
    assert [i["kind"] for i in again] == ["otp"]


async def test_unknown_codes_are_bounded_the_same_way(client: Any, clock: FakeClock) -> None:
    """A flood on a code that is no customer's is refused just as one on a real code:
    the limits do not tell the two apart either."""
    known, unknown = [], []
    for n in range(8):
        for code, seen in (("C-1001", known), ("C-9999", unknown)):
            cid = (await inbound(client, "web", f"{code}-{n}"))["conversation_id"]
            seen.append((await ask(client, cid, code))[0])
        clock.advance(minutes=1)
    assert known == unknown
    assert 429 in known


async def test_one_sender_gets_three_codes_an_hour_then_waits(
        client: Any, clock: FakeClock) -> None:
    cid = (await inbound(client, "web", "one-sender"))["conversation_id"]
    statuses = []
    for _ in range(4):
        statuses.append((await ask(client, cid))[0])
        clock.advance(minutes=10)
    assert statuses == [200, 200, 200, 429]


def test_the_limits_and_the_back_off() -> None:
    limits = OtpLimits(per_customer=5, per_contact=4, per_sender=3,
                       window=timedelta(hours=1), backoff=timedelta(seconds=30))
    at = [T0 + timedelta(minutes=m) for m in (0, 1, 2, 4)]
    assert limits.refusal(T0, [], [], []) is None
    # two codes at once are fine; the third waits 30 s after the second, the 4th 60 s
    assert limits.refusal(T0, [T0], [], []) is None
    refusal = limits.refusal(T0 + timedelta(seconds=10), [T0, T0], [], [])
    assert refusal is not None and refusal.reason == "backoff" and refusal.seconds == 20
    assert limits.refusal(T0 + timedelta(seconds=30), [T0, T0], [], []) is None
    refusal = limits.refusal(T0 + timedelta(seconds=40), [T0, T0, T0 + timedelta(seconds=30)],
                             [], [])
    assert refusal is not None and refusal.seconds == 50
    # per contact and per sender, freed when the oldest code leaves the window
    refusal = limits.refusal(T0 + timedelta(minutes=30), [], at, [])
    assert refusal is not None and refusal.reason == "contact"
    assert refusal.retry_after == timedelta(minutes=30)
    refusal = limits.refusal(T0 + timedelta(minutes=30), [], [], at[:3])
    assert refusal is not None and refusal.reason == "sender"
    assert limits.refusal(T0 + timedelta(minutes=61), [], at, at[:3]) is None
    # per customer: five in the hour, whatever the pauses
    five = [T0 + timedelta(minutes=m) for m in (0, 5, 10, 20, 40)]
    refusal = limits.refusal(T0 + timedelta(minutes=50), five, [], [])
    assert refusal is not None and refusal.reason == "customer"
    assert refusal.retry_after == timedelta(minutes=10)
    # overall: all senders' codes together
    few = OtpLimits(overall=3)
    refusal = few.refusal(T0 + timedelta(minutes=30), [], [], [], at[:3])
    assert refusal is not None and refusal.reason == "overall"
    assert refusal.retry_after == timedelta(minutes=30)
    assert few.refusal(T0 + timedelta(minutes=30), [], [], [], at[:2]) is None


def test_limits_from_the_environment() -> None:
    limits = OtpLimits.from_env({"AVISA_OTP_PER_CUSTOMER": "2", "AVISA_OTP_BACKOFF_SECONDS": "0",
                                 "AVISA_OTP_WINDOW_MINUTES": "30"})
    assert (limits.per_customer, limits.per_contact, limits.window, limits.backoff) == (
        2, 5, timedelta(minutes=30), timedelta(0))
    assert OtpLimits.from_env({"AVISA_OTP_OVERALL": "50"}).overall == 50
    assert OtpLimits.from_env({}) == OtpLimits()


def test_the_answers_exist_in_spanish_and_english_and_name_no_contact() -> None:
    domain = yaml.safe_load((ROOT / "bot/domain/verification.yml").read_text("utf-8"))
    for name, fields in (("utter_otp_sent", {"customer_code"}),
                         ("utter_otp_too_many", {"minutes"})):
        es, en = domain["responses"][name]
        assert es["condition"] == [{"type": "slot", "name": "language", "value": "es"}]
        for variant in (es, en):
            assert set(re.findall(r"{(\w+)}", variant["text"])) == fields, name
            assert "destination" not in variant["text"]
