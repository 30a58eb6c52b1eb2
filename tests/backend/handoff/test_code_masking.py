"""One-time codes typed by customers are masked for agents: in the conversation's transcript
and in search results (the console's API); phone numbers, serials and ids are kept."""

from __future__ import annotations

import pytest

from backend.domain.masking import CODE_MASK, mask_codes
from tests.backend.handoff.helpers import escalate, sign_in
from tests.backend.helpers import inbound


@pytest.mark.parametrize(("typed", "shown"), [
    ("482913", CODE_MASK),
    ("my code is 482 913 thanks", f"my code is {CODE_MASK} thanks"),
    ("el código: 482-913.", f"el código: {CODE_MASK}."),
    ("call me on 677 123 450", "call me on 677 123 450"),
    ("+34 600 123 456", "+34 600 123 456"),
    ("serial SN-482913, INC-00457", "serial SN-482913, INC-00457"),
    ("ref 12345678 and 1.234.567", "ref 12345678 and 1.234.567"),
])
def test_only_code_shaped_numbers_are_masked(typed: str, shown: str) -> None:
    assert mask_codes(typed) == shown


async def test_agents_never_read_a_code_in_the_transcript_or_search(desk):
    address = "+34976123456"
    cid = str((await inbound(desk, "sms", address, "mi código es 731 904"))["conversation_id"])
    await escalate(desk, address=address)
    ana = await sign_in(desk, "ana")
    _, detail = await ana.get(f"/conversations/{cid}")
    texts = [m["text"] for m in detail["transcript"]["messages"]]
    assert f"mi código es {CODE_MASK}" in texts
    assert not any("731" in t for t in texts)
    _, found = await ana.get("/search?q=c%C3%B3digo%20es")
    snippets = [c["snippet"] for c in found["conversations"]]
    assert snippets and all("731" not in s for s in snippets), found


async def test_the_queue_card_names_the_problem_in_the_customers_words(desk):
    address = "+34600000088"
    await inbound(desk, "sms", address, "hola")
    await inbound(desk, "sms", address, "la Ricoh   de la segunda planta no imprime, código 731904")
    await escalate(desk, address=address)  # "quiero hablar con una persona", nothing collected
    ana = await sign_in(desk, "ana")
    _, queue = await ana.get("/queue")
    [card] = queue["items"]
    assert card["summary"] == f"la Ricoh de la segunda planta no imprime, código {CODE_MASK}"
