"""The attachment store (issue 20 §1): content-addressed, sniffed, capped, linked, served
safely, signed links that expire."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path
from typing import Any

from tests.backend.attachments.files import HTML_AS_JPG, PLAIN_PDF, photo
from tests.backend.helpers import call, h, inbound, verified_conversation


async def upload(client: Any, data: bytes, role: str = "gateway", **query: str) -> tuple[int, Any]:
    resp = await client.post("/api/attachments", data=data, params=query,
                             headers={**h(role), "Content-Type": "application/octet-stream"})
    return resp.status, await resp.json()


async def test_photo_is_stored_once_linked_and_served_inline_without_sniffing(
        client: Any, backend_settings: Any) -> None:
    cid = await verified_conversation(client)
    status, inc = await call(client, "POST", f"/api/conversations/{cid}/incidents", "actions",
                             json={"symptom": "gotea aceite", "priority": "high"})
    assert status == 201
    msg = await inbound(client, "sms", "+34976123456", "[foto]", provider_message_id="MM1")
    image = photo()
    status, first = await upload(client, image, message_id=msg["message_id"], kind="photo",
                                 filename="fuga.png")
    assert status == 201, first
    assert first["mime"] == "image/jpeg"  # from the bytes, not the name
    assert (first["status"], first["conversation_id"], first["incident_id"]) == (
        "stored", cid, inc["id"])
    # the provider retries: the same row
    status, again = await upload(client, image, message_id=msg["message_id"], kind="photo")
    assert again["id"] == first["id"]
    # another message with the same bytes: a new row, one file
    other = await inbound(client, "sms", "+34976123456", "[foto]", provider_message_id="MM2")
    status, second = await upload(client, image, message_id=other["message_id"])
    assert second["id"] != first["id"] and second["sha256"] == first["sha256"]
    digest = hashlib.sha256(image).hexdigest()
    root: Path = backend_settings.attachments_dir
    files = [p for p in root.rglob("*") if p.is_file()]
    assert files == [root / "store" / digest[:2] / digest]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600

    resp = await client.get(f"/api/attachments/{first['id']}/content", headers=h("agents"))
    assert resp.status == 200 and await resp.read() == image
    assert resp.headers["Content-Type"] == "image/jpeg"
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["Content-Disposition"] == "inline; filename*=UTF-8''fuga.png"
    assert "sandbox" in resp.headers["Content-Security-Policy"]

    status, listed = await call(client, "GET", f"/api/incidents/{inc['id']}/attachments", "agents")
    assert {a["id"] for a in listed["attachments"]} == {first["id"], second["id"]}
    status, listed = await call(client, "GET", f"/api/conversations/{cid}/attachments", "agents")
    assert len(listed["attachments"]) == 2

    thumb = await client.get(f"/api/attachments/{first['id']}/thumbnail", headers=h("agents"))
    assert thumb.status == 200 and thumb.headers["Content-Type"] == "image/jpeg"
    assert (await thumb.read())[:3] == b"\xff\xd8\xff"


async def test_unknown_types_download_and_pdf_shows_inline(client: Any) -> None:
    cid = await verified_conversation(client)
    status, blob = await upload(client, b"\x00\x01\x02binary", conversation_id=cid)
    assert status == 201 and blob["mime"] == "application/octet-stream"
    resp = await client.get(f"/api/attachments/{blob['id']}/content", headers=h("agents"))
    assert resp.headers["Content-Type"] == "application/octet-stream"
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    status, pdf = await upload(client, PLAIN_PDF, conversation_id=cid, filename="albarán.pdf")
    assert pdf["status"] == "stored" and pdf["mime"] == "application/pdf"
    resp = await client.get(f"/api/attachments/{pdf['id']}/content", headers=h("agents"))
    assert resp.headers["Content-Type"] == "application/pdf"
    assert resp.headers["Content-Disposition"] == "inline; filename*=UTF-8''albar%C3%A1n.pdf"


async def test_needs_a_token_and_a_known_conversation(client: Any) -> None:
    resp = await client.post("/api/attachments", data=photo())
    assert resp.status == 401
    status, body = await upload(client, photo(), role="actions")
    assert status == 403
    status, body = await upload(client, photo(), conversation_id="CONV-nope")
    assert status == 404
    status, body = await upload(client, b"")
    assert status == 400 and "empty" in body["error"]["message"]
    resp = await client.get("/api/attachments/ATT-nope/content")
    assert resp.status == 401


async def test_signed_link_works_until_it_expires_and_cannot_be_forged(
        client: Any, clock: Any) -> None:
    cid = await verified_conversation(client)
    image = photo((10, 200, 10))
    _, att = await upload(client, image, conversation_id=cid)
    status, link = await call(client, "POST", f"/api/attachments/{att['id']}/link", "gateway")
    assert status == 200 and link["path"].startswith(f"/api/files/{att['id']}?expires=")
    resp = await client.get(link["path"])  # no token: the link is the key
    assert resp.status == 200 and await resp.read() == image
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    forged = link["path"][:-4] + ("0000" if not link["path"].endswith("0000") else "1111")
    assert (await client.get(forged)).status == 403
    _, other = await upload(client, photo((1, 2, 3)), conversation_id=cid)
    swapped = link["path"].replace(att["id"], other["id"])
    assert (await client.get(swapped)).status == 403
    clock.advance(hours=73)
    resp = await client.get(link["path"])
    assert resp.status == 403
    assert (await resp.json())["error"]["code"] == "link_refused"


async def test_html_named_jpg_is_never_served(client: Any) -> None:
    cid = await verified_conversation(client)
    status, att = await upload(client, HTML_AS_JPG, conversation_id=cid, filename="foto.jpg")
    assert status == 201 and att["status"] == "quarantined" and att["reason"] == "html"
    assert "es" in att["reply"] and "en" in att["reply"]
    resp = await client.get(f"/api/attachments/{att['id']}/content", headers=h("agents"))
    assert resp.status == 409
    assert (await resp.json())["error"]["reason"] == "html"
    status, _ = await call(client, "POST", f"/api/attachments/{att['id']}/link", "gateway")
    assert status == 409
