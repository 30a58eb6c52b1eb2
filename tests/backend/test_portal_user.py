"""Senders recognised from what the gateway passes: a web conversation the gateway vouches
for (``metadata.portal_user``: a genuine signed identity of the company portal,
channels/web/portal.py) speaks for the customer whose contact has that e-mail address
(nothing else verifies a web conversation); so does a Telegram sender whose @username a
contact carries."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text

from backend.adapters.db import create_engine
from tests.backend.helpers import call, inbound


async def identity(client: Any, cid: str) -> dict[str, Any]:
    status, body = await call(client, "GET", f"/api/conversations/{cid}/identity", "actions")
    assert status == 200, body
    return dict(body)


@pytest.mark.parametrize("channel", ["web", "rest"])
async def test_a_portal_user_with_a_registered_email_is_verified_at_once(
        client: Any, channel: str) -> None:
    stored = await inbound(client, channel, f"{channel}-portal-1", "hola",
                           metadata={"portal_user": " Marta.Lazaro@TalleresEbro.es"})
    assert stored["verified"] is True
    found = await identity(client, stored["conversation_id"])
    assert found["verified"] is True
    assert found["customer"]["code"] == "C-1001"


async def test_later_messages_of_an_anonymous_web_conversation_can_be_vouched_for(
        client: Any) -> None:
    first = await inbound(client, "web", "w-later", "hola")
    assert first["verified"] is False
    second = await inbound(client, "web", "w-later", "soy yo",
                           metadata={"portal_user": "marta.lazaro@talleresebro.es"})
    assert second["conversation_id"] == first["conversation_id"]
    assert second["verified"] is True


@pytest.mark.parametrize(("channel", "metadata"), [
    ("web", {"portal_user": "nobody@example.com"}),  # not on file
    ("web", {"portal_user": ""}),
    ("web", {"portal_user": 42}),
    ("web", {"identity": {"user_id": "marta.lazaro@talleresebro.es"}}),  # unchecked claim
    ("web", {}),
])
async def test_anything_else_stays_anonymous(client: Any, channel: str,
                                             metadata: dict[str, Any]) -> None:
    stored = await inbound(client, channel, f"w-anon-{len(str(metadata))}", "hola",
                           metadata=metadata)
    assert stored["verified"] is False
    assert (await identity(client, stored["conversation_id"]))["customer"] is None


async def set_username(db_url: str, email: str, handle: str | None) -> None:
    engine = create_engine(db_url)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE contacts SET telegram_username = :h "
                                "WHERE lower(email) = lower(:e)"), {"h": handle, "e": email})
    await engine.dispose()


async def test_a_telegram_sender_registered_by_username_is_recognised_and_linked(
        client: Any, demo_db: str) -> None:
    await set_username(demo_db, "pedro.gil@talleresebro.es", "pedro_gil")
    stored = await inbound(client, "telegram", "55501", "hola",
                           metadata={"telegram_user_id": 55501, "telegram_username": "Pedro_Gil"})
    assert stored["verified"] is True
    assert (await identity(client, stored["conversation_id"]))["customer"]["code"] == "C-1001"
    _, customer = await call(client, "GET", "/api/customers/C-1001", "agents")
    linked = {c["email"]: c["telegram_id"] for c in customer["contacts"]}
    assert linked["pedro.gil@talleresebro.es"] == "55501"


@pytest.mark.parametrize("handle", ["somebody_else", "", None])
async def test_an_unregistered_telegram_username_stays_anonymous(
        client: Any, demo_db: str, handle: str | None) -> None:
    await set_username(demo_db, "pedro.gil@talleresebro.es", "pedro_gil")
    metadata: dict[str, Any] = {"telegram_user_id": 55502}
    if handle is not None:
        metadata["telegram_username"] = handle
    stored = await inbound(client, "telegram", "55502", "hola", metadata=metadata)
    assert stored["verified"] is False


async def test_a_username_shared_by_two_customers_proves_nothing(client: Any,
                                                                 demo_db: str) -> None:
    await set_username(demo_db, "pedro.gil@talleresebro.es", "shared_name")
    await set_username(demo_db, "Alice.Grey@northwind.example", "shared_name")
    stored = await inbound(client, "telegram", "55503", "hola",
                           metadata={"telegram_username": "shared_name"})
    assert stored["verified"] is False
