"""POST /api/conversations/{cid}/plate (issue 20 §3): a nameplate photo the customer sent
(through the attachment store) read by Tesseract and matched against that customer's own
machines; a display's error codes; a photo with no serial of theirs asks."""

from __future__ import annotations

import io
import random
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont

from backend.adapters.ocr import available
from bench.ocr_images import draw, fonts
from tests.backend.helpers import call, h, inbound, verified_conversation

pytestmark = pytest.mark.skipif(not available(), reason="no tesseract: make env installs it")
MARTA = "+34976123456"  # C-1001 in tests/backend/fixtures/demo: CMP-2291-X and SN-48213


async def _send_photo(client: Any, image: bytes) -> str:
    msg = await inbound(client, "sms", MARTA, "[foto]")
    resp = await client.post("/api/attachments", data=image,
                             params={"message_id": msg["message_id"], "kind": "photo"},
                             headers={**h("gateway"), "Content-Type": "application/octet-stream"})
    body = await resp.json()
    assert resp.status == 201 and body["status"] == "stored", body
    return str(body["id"])


def _plate(serial: str, model: str) -> bytes:
    row = {"id": "-", "customer": "C-1001", "serial": serial, "model": model,
           "installed_on": "2022-03-15"}
    return draw(row, random.Random(5), fonts()[:1]).image


def _display(text: str) -> bytes:
    img = Image.new("RGB", (900, 260), (20, 60, 20))
    font = ImageFont.truetype(fonts()[0], 64)
    ImageDraw.Draw(img).text((40, 80), text, font=font, fill=(180, 255, 180))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


async def test_a_plate_photo_names_the_customers_machine(client: Any) -> None:
    cid = await verified_conversation(client)
    photo = await _send_photo(client, _plate("SN-48213", "Ricoh Pro C5300s"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={})
    assert status == 200, body
    assert body["attachment_id"] == photo
    assert body["match"]["serial"] == "SN-48213" and body["match"]["model"]


async def test_another_customers_serial_is_not_read_as_theirs(client: Any) -> None:
    cid = await verified_conversation(client)
    await _send_photo(client, _plate("FRG-7781", "Liebherr"))  # C-1002's freezer
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={})
    assert status == 200 and body["match"] is None


async def test_a_display_photo_gives_its_error_code(client: Any) -> None:
    cid = await verified_conversation(client)
    photo = await _send_photo(client, _display("ERROR E-204"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={"attachment_id": photo})
    assert status == 200 and body["error_codes"] == ["E-204"] and body["match"] is None, body


async def test_error_codes_join_the_incidents_symptom(client: Any) -> None:
    cid = await verified_conversation(client)
    status, incident = await call(client, "POST", f"/api/conversations/{cid}/incidents",
                                  "actions", json={"symptom": "la pantalla da un error",
                                                   "priority": "high"})
    assert status == 201, incident
    photo = await _send_photo(client, _display("ERROR E-204"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={"attachment_id": photo})
    assert status == 200 and body["incident_id"] == incident["id"], body
    status, seen = await call(client, "GET", f"/api/incidents/{incident['id']}", "agents")
    assert status == 200 and seen["symptom"].endswith("[display: E-204]"), seen


async def test_no_photo_is_a_clear_404(client: Any) -> None:
    cid = await verified_conversation(client)
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={})
    assert status == 404 and "no photo" in body["error"]["message"]
