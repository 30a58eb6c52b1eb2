"""Hostile files (issue 20, acceptance 3): each refused or quarantined with a reason, never
stored as served content."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.domain.attachments.policy import inspect_bytes
from backend.domain.attachments.sniff import sniff
from backend.services.conversations.attachments.images import check_image
from tests.backend.attachments import files
from tests.backend.attachments.test_store import upload
from tests.backend.helpers import h, verified_conversation

QUARANTINED = [
    ("html_named_jpg", files.HTML_AS_JPG, "foto.jpg", "html"),
    ("svg_with_script", files.SVG_WITH_SCRIPT, "plate.svg", "svg"),
    ("zip_bomb", files.zip_bomb(), "fotos.zip", "zip_bomb"),
    ("pdf_with_javascript", files.PDF_WITH_JS, "albaran.pdf", "pdf_active"),
    ("pixel_bomb", files.pixel_bomb(), "placa.png", "too_many_pixels"),
]


@pytest.mark.parametrize(("name", "data", "filename", "reason"), QUARANTINED,
                         ids=[q[0] for q in QUARANTINED])
async def test_hostile_file_is_quarantined_with_its_reason(
        client: Any, backend_settings: Any, name: str, data: bytes, filename: str,
        reason: str) -> None:
    cid = await verified_conversation(client)
    status, att = await upload(client, data, conversation_id=cid, filename=filename)
    assert status == 201, att
    assert (att["status"], att["reason"]) == ("quarantined", reason)
    assert att["reply"]["es"] and att["reply"]["en"]
    for path in ("content", "thumbnail"):
        resp = await client.get(f"/api/attachments/{att['id']}/{path}", headers=h("agents"))
        assert resp.status == 409
        assert (await resp.json())["error"]["reason"] == reason
    root: Path = backend_settings.attachments_dir
    assert not (root / "store").exists()  # nothing of it where files are served from
    assert (root / "quarantine" / att["sha256"][:2] / att["sha256"]).read_bytes() == data


async def test_fifty_megabyte_image_is_refused_before_it_is_read_whole(
        client: Any, backend_settings: Any) -> None:
    cid = await verified_conversation(client)
    status, body = await upload(client, files.huge_image(), conversation_id=cid)
    assert status == 413
    assert body["error"]["code"] == "too_large"
    assert "10 MB" in body["error"]["reply"]["es"] and "10 MB" in body["error"]["reply"]["en"]
    assert not Path(backend_settings.attachments_dir).exists()


def test_types_come_from_the_bytes_not_the_name() -> None:
    assert sniff(files.photo()) == "image/jpeg"
    assert sniff(files.photo(fmt="PNG")) == "image/png"
    assert sniff(files.HTML_AS_JPG) == "text/html"
    assert sniff(b"  \n<HTML><p>hi") == "text/html"
    assert sniff(files.SVG_WITH_SCRIPT) == "image/svg+xml"
    assert sniff(files.PLAIN_PDF) == "application/pdf"
    assert sniff("número de serie SN-48213".encode()) == "text/plain"
    assert sniff(b"MZ\x90\x00") == "application/x-msdownload"


def test_ordinary_files_pass() -> None:
    for data in (files.photo(), files.photo(fmt="PNG"), files.PLAIN_PDF, b"plain text"):
        verdict = check_image(inspect_bytes(data), data)
        assert not verdict.quarantined, verdict


def test_a_truncated_image_is_quarantined_as_unreadable() -> None:
    data = files.photo(fmt="PNG")[:60]
    assert check_image(inspect_bytes(data), data).reason == "unreadable"
