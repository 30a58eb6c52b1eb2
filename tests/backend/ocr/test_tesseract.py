"""Tesseract through backend/adapters/ocr.py on generated nameplate photos: the text read
carries the serial, and what is not a usable image is refused with a reason."""

from __future__ import annotations

import asyncio
import io
import random
import struct
import zlib

import pytest
from PIL import Image

from backend.adapters.ocr import OcrError, available, prepare, read_text
from backend.domain.plates import PlateMachine, read_machine
from bench.ocr_images import draw, equipment, fonts

needs_tesseract = pytest.mark.skipif(not available(), reason="no tesseract: make env installs it")


@needs_tesseract
def test_a_photographed_plate_reads_its_machine() -> None:
    rows = [r for r in equipment() if r["customer"] == "C-1002"]
    fleet = [PlateMachine(r["id"], r["serial"], r["model"]) for r in rows]
    plate = draw(next(r for r in rows if r["serial"] == "SN-48213"), random.Random(3),
                 fonts()[:1])
    text = asyncio.run(read_text(plate.image))
    reading = read_machine(text, fleet)
    assert reading.match is not None and reading.match.serial == "SN-48213", text


def test_not_an_image_is_refused() -> None:
    with pytest.raises(OcrError, match="not an image"):
        prepare(b"<html><script>alert(1)</script></html>")


def _png_claiming(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 10)) + chunk(b"IEND", b""))


def test_an_image_claiming_huge_dimensions_is_refused_undecoded() -> None:
    with pytest.raises(OcrError):
        prepare(_png_claiming(100_000, 100_000))


def test_a_small_photo_is_enlarged_for_reading() -> None:
    out = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(out, "JPEG")
    assert max(Image.open(io.BytesIO(prepare(out.getvalue()))).size) >= 900
