"""Authentication, roles, error bodies, OpenAPI."""

import pytest

from backend.api.app import all_routes
from tests.backend.helpers import h


async def test_health_needs_no_token(client):
    resp = await client.get("/api/health")
    assert resp.status == 200


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer nope"},
                                     {"Authorization": "Basic dGVzdA=="},
                                     {"Authorization": "Bearer "}])
async def test_missing_or_bad_token_is_401(client, headers):
    resp = await client.get("/api/customers", headers=headers)
    assert resp.status == 401
    assert resp.headers["WWW-Authenticate"] == "Bearer"
    assert (await resp.json())["error"]["code"] == "unauthorized"


@pytest.mark.parametrize(("role", "method", "path"), [
    ("actions", "GET", "/api/customers"),
    ("gateway", "GET", "/api/conversations/CONV-00001/identity"),
    ("agents", "POST", "/api/messages/inbound"),
    ("actions", "POST", "/api/outbox/claim"),
    ("gateway", "GET", "/api/incidents"),
])
async def test_valid_token_of_wrong_role_is_403(client, role, method, path):
    resp = await client.request(method, path, headers=h(role), json={})
    assert resp.status == 403
    body = await resp.json()
    assert body["error"]["code"] == "forbidden"
    assert body["error"]["role"] == role


async def test_admin_may_call_everything(client):
    for path in ("/api/customers", "/api/technicians", "/api/incidents", "/api/outbox"):
        resp = await client.get(path, headers=h("admin"))
        assert resp.status == 200, path


async def test_unknown_path_and_ids_give_json_404(client):
    resp = await client.get("/api/nothing-here", headers=h("admin"))
    assert resp.status == 404
    assert (await resp.json())["error"]["code"] == "not_found"
    for path in ("/api/customers/C-9999", "/api/incidents/INC-00999",
                 "/api/conversations/CONV-99999/messages", "/api/customers/C-9999/equipment"):
        resp = await client.get(path, headers=h("agents"))
        body = await resp.json()
        assert resp.status == 404, path
        assert body["error"]["code"] == "not_found"
        assert body["error"]["message"]


async def test_unknown_path_without_token_is_still_401(client):
    assert (await client.get("/api/nothing-here")).status == 401


async def test_bad_json_is_400_invalid_request(client):
    resp = await client.post("/api/messages/inbound", headers=h("gateway"), data="{not json")
    body = await resp.json()
    assert resp.status == 400
    assert body["error"]["code"] == "invalid_request"


async def test_openapi_lists_every_route_and_needs_a_token(client):
    assert (await client.get("/api/openapi.json")).status == 401
    resp = await client.get("/api/openapi.json", headers=h("actions"))
    doc = await resp.json()
    assert doc["openapi"].startswith("3.1")
    documented = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    served = {(r.method, r.path) for r in all_routes()}
    assert documented == served
    registered = {
        (route.method, route.resource.canonical)
        for route in client.app.router.routes()
        if route.method != "HEAD"
        and (route.resource.canonical.startswith("/api/") or route.resource.canonical == "/metrics")
    }  # the agent console (/console, session cookie) is documented in docs/console.md
    assert served == registered
    inbound = doc["paths"]["/api/messages/inbound"]["post"]
    assert "channel" in inbound["requestBody"]["content"]["application/json"]["schema"]["required"]
    assert doc["paths"]["/api/health"]["get"]["security"] == []
