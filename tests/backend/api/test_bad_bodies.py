"""Bodies that are not UTF-8, not JSON or absurdly deep are a 400 with a JSON error on every
route that takes a body — public ones included — and never reach a handler (issue 19 §4)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from backend.api.app import all_routes
from tests.backend.helpers import h

BAD_BODIES = {
    "latin1": "{\"text\": \"caf\xe9\"}".encode("latin-1"),
    "not_json": b"{\"text\": ",
    "deep": b"[" * 10_000 + b"]" * 10_000,
    "deep_object": b"{\"a\":" * 10_000 + b"1" + b"}" * 10_000,
}
PUBLIC_EXTRA = [("POST", "/console/api/login"), ("POST", "/api/alerts")]


def _with_body() -> list[tuple[str, str]]:
    found = [(r.method, r.path) for r in all_routes() if r.body is not None]
    return sorted(set(found + PUBLIC_EXTRA))


def _concrete(path: str) -> str:
    return re.sub(r"{\w+}", "1", path)


@pytest.mark.parametrize("kind", sorted(BAD_BODIES))
async def test_every_body_route_refuses_bad_bytes_with_400(client: Any, kind: str) -> None:
    routes = _with_body()
    assert len(routes) > 20  # the table, not an empty list
    wrong: list[str] = []
    for method, path in routes:
        resp = await client.request(method, _concrete(path), data=BAD_BODIES[kind],
                                    headers={**h("admin"), "Content-Type": "application/json"})
        body = await resp.json()
        if resp.status != 400 or body["error"]["code"] != "invalid_request":
            wrong.append(f"{method} {path}: {resp.status} {body}")
    assert wrong == []


@pytest.mark.parametrize("path", ["/api/alerts", "/console/api/login"])
async def test_public_routes_refuse_bad_bytes_without_a_token(client: Any, path: str) -> None:
    for raw in BAD_BODIES.values():
        resp = await client.post(path, data=raw, headers={"Content-Type": "application/json"})
        assert resp.status == 400
        assert (await resp.json())["error"]["code"] == "invalid_request"


async def test_validation_is_standard_json_schema(client: Any) -> None:
    """additionalProperties, minLength on the string as sent and not-blank text."""
    url = "/api/messages/inbound"
    base = {"channel": "sms", "address": "+34976123456", "text": "hola"}
    ok = await client.post(url, json=base, headers=h("gateway"))
    assert ok.status == 200
    blank = await client.post(url, json={**base, "address": "   "}, headers=h("gateway"))
    assert blank.status == 400
    assert (await blank.json())["error"]["field"] == "body.address"
    wrong_type = await client.post(url, json={**base, "text": 5}, headers=h("gateway"))
    assert wrong_type.status == 400
