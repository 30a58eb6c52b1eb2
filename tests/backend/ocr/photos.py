"""Photos for the OCR tests: a nameplate drawn by the bench's Pillow generator
(bench/ocr_images.py), a display showing an error, and a photo sent in a conversation."""

from __future__ import annotations

import io
import random
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from bench.ocr_images import draw, fonts
from tests.backend.helpers import h, inbound

MARTA = "+34976123456"  # C-1001 in tests/backend/fixtures/demo: CMP-2291-X and SN-48213


def plate_photo(serial: str, model: str, customer: str = "C-1001") -> bytes:
    row = {"id": "-", "customer": customer, "serial": serial, "model": model,
           "installed_on": "2022-03-15"}
    return draw(row, random.Random(5), fonts()[:1]).image


def display_photo(text: str) -> bytes:
    img = Image.new("RGB", (900, 260), (20, 60, 20))
    font = ImageFont.truetype(fonts()[0], 64)
    ImageDraw.Draw(img).text((40, 80), text, font=font, fill=(180, 255, 180))
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


async def send_photo(client: Any, image: bytes, address: str = MARTA) -> str:
    """A photo sent by SMS from ``address``, stored as the gateway stores it; its id."""
    msg = await inbound(client, "sms", address, "[foto]")
    resp = await client.post("/api/attachments", data=image,
                             params={"message_id": msg["message_id"], "kind": "photo"},
                             headers={**h("gateway"), "Content-Type": "application/octet-stream"})
    body = await resp.json()
    assert resp.status == 201 and body["status"] == "stored", body
    return str(body["id"])
