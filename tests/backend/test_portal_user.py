"""A web conversation the gateway vouches for (``metadata.portal_user``: a genuine signed
identity of the company portal, channels/web/portal.py) speaks for the customer whose
contact has that e-mail address; nothing else verifies a web conversation."""

from __future__ import annotations

from typing import Any

import pytest

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
