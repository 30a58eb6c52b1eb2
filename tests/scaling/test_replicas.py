"""Two Rasa replicas with the Redis lock store (and two gateways, two backends) behind
nginx, 200 conversations at once through the balancer: every message is answered once,
in order within its conversation, and each Rasa tracker (PostgreSQL) holds exactly its
own conversation's events — none lost, none repeated, none from another conversation.
"""

from __future__ import annotations

import asyncio
import secrets

import aiohttp
import pytest

from tools.scaled_launch import ScaledStack, bot_turns, tracker_events, transcript

pytestmark = [pytest.mark.scaling, pytest.mark.e2e]

CONVERSATIONS = 200
SCRIPTS = (["Hello", "Are you a bot?", "Thank you!"],
           ["Hola, buenos días", "¿Eres un bot?", "¡Muchas gracias!"])


async def _converse(http: aiohttp.ClientSession, scaled: ScaledStack, sender: str,
                    lines: list[str]) -> list[int]:
    """Sends the lines in order (each after the previous answer); replies per line."""
    counts = []
    for line in lines:
        async with http.post(
                f"{scaled.url('gateway')}/webhooks/rest/webhook",
                json={"sender": sender, "message": line},
                headers={"Authorization": f"Bearer {scaled.tokens['AVISA_TOKEN_REST']}"},
        ) as resp:
            assert resp.status == 200, await resp.text()
            replies = await resp.json()
        assert all(r["recipient_id"] == sender for r in replies)
        counts.append(len(replies))
    return counts


async def _play_all(scaled: ScaledStack, senders: dict[str, list[str]]) -> dict[str, list[int]]:
    timeout = aiohttp.ClientTimeout(total=300)
    async with aiohttp.ClientSession(timeout=timeout,
                                     connector=aiohttp.TCPConnector(limit=0)) as http:
        answered = await asyncio.gather(*(_converse(http, scaled, s, lines)
                                          for s, lines in senders.items()))
    return dict(zip(senders, answered, strict=True))


def test_200_concurrent_conversations_through_two_rasa_replicas(scaled: ScaledStack) -> None:
    senders = {f"scale-{i:03d}-{secrets.token_hex(3)}": SCRIPTS[i % 2]
               for i in range(CONVERSATIONS)}
    replies = asyncio.run(_play_all(scaled, senders))
    unanswered = {s: c for s, c in replies.items() if 0 in c}
    assert not unanswered, f"messages without an answer: {list(unanswered.items())[:5]}"

    trackers = asyncio.run(tracker_events(scaled.rasa_db))
    by_address: dict[str, str] = {}
    for conversation, events in trackers.items():
        users = [e for e in events if e["type"] == "user"]
        addresses = {str((e.get("metadata") or {}).get("address")) for e in users}
        assert len(addresses) == 1, f"{conversation} mixes senders {addresses}"
        by_address[addresses.pop()] = conversation
    assert set(by_address) == set(senders), "a conversation has no tracker, or an extra one"

    for sender, lines in senders.items():
        conversation = by_address[sender]
        events = trackers[conversation]
        said = [e["text"] for e in events if e["type"] == "user"]
        assert said == lines, f"{conversation}: user turns {said} != sent {lines}"
        # every user turn is followed by at least one bot utterance before the next turn
        turns = bot_turns(events)
        assert turns == replies[sender], f"{conversation}: bot turns {turns} != {replies[sender]}"

    for sender in list(senders)[:20]:  # the backend stored each message once, in order
        stored = asyncio.run(transcript(scaled.url("backend"), scaled.tokens,
                                        by_address[sender]))
        inbound = [m["text"] for m in stored if m["direction"] == "in"]
        assert inbound == senders[sender]
        assert len(stored) - len(inbound) == sum(replies[sender])
