"""Helpers of the Telegram tests: updates from the recorded fixtures, webhook delivery."""

from __future__ import annotations

import copy
import itertools
from typing import Any

from tests.channels.helpers import eventually
from tests.channels.provider_stack import Stack, fixture

_ids = itertools.count(800_000_001)


def update(name: str, user_id: int | None = None, **message: Any) -> dict[str, Any]:
    """A recorded update with a fresh update_id, optionally another user and message fields."""
    raw: dict[str, Any] = copy.deepcopy(fixture("telegram", name))
    raw["update_id"] = next(_ids)
    body = raw.get("message") or raw.get("callback_query") or raw.get("edited_message")
    assert body is not None
    if user_id is not None:
        body["from"]["id"] = user_id
        chat = body["message"]["chat"] if "callback_query" in raw else body["chat"]
        chat["id"] = user_id
    body.update(message)
    return raw


async def webhook_ready(stack: Stack) -> None:
    await eventually(lambda: _async(stack.telegram.webhook_url))


async def deliver(stack: Stack, raw: dict[str, Any], secret: str | None = None) -> int:
    await webhook_ready(stack)
    return await stack.telegram.deliver(raw, secret=secret)


async def sent_to(stack: Stack, chat_id: int, count: int = 1) -> list[dict[str, Any]]:
    """Wait until ``count`` messages were sent to the chat; return them all."""

    async def check() -> list[dict[str, Any]]:
        sent = [p for p in stack.telegram.sent() if int(p["chat_id"]) == chat_id]
        return sent if len(sent) >= count else []

    result: list[dict[str, Any]] = await eventually(check)
    return result


async def _async(value: Any) -> Any:
    return value
