"""POST /api/conversations/{cid}/plate (issue 20 §3): a nameplate photo the customer sent
(through the attachment store) read by Tesseract and matched against that customer's own
machines; a display's error codes; a photo with no serial of theirs asks."""

from __future__ import annotations

from typing import Any

import pytest

from backend.adapters.ocr import available
from tests.backend.helpers import call, report_incident, verified_conversation
from tests.backend.ocr.photos import display_photo, plate_photo, send_photo

pytestmark = pytest.mark.skipif(not available(), reason="no tesseract: make env installs it")


async def test_a_plate_photo_names_the_customers_machine(client: Any) -> None:
    cid = await verified_conversation(client)
    photo = await send_photo(client, plate_photo("SN-48213", "Ricoh Pro C5300s"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={})
    assert status == 200, body
    assert body["attachment_id"] == photo
    assert body["match"]["serial"] == "SN-48213" and body["match"]["model"]


async def test_another_customers_serial_is_not_read_as_theirs(client: Any) -> None:
    cid = await verified_conversation(client)
    await send_photo(client, plate_photo("FRG-7781", "Liebherr"))  # C-1002's freezer
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={})
    assert status == 200 and body["match"] is None


async def test_a_display_photo_gives_its_error_code(client: Any) -> None:
    cid = await verified_conversation(client)
    photo = await send_photo(client, display_photo("ERROR E-204"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={"attachment_id": photo})
    assert status == 200 and body["error_codes"] == ["E-204"] and body["match"] is None, body


async def test_error_codes_join_the_incidents_symptom(client: Any) -> None:
    cid = await verified_conversation(client)
    status, incident = await call(client, "POST", f"/api/conversations/{cid}/incidents",
                                  "actions", json={"symptom": "la pantalla da un error",
                                                   "priority": "high"})
    assert status == 201, incident
    photo = await send_photo(client, display_photo("ERROR E-204"))
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


async def test_a_new_report_takes_the_codes_not_the_older_open_incident(client: Any) -> None:
    cid = await verified_conversation(client)
    status, older = await call(client, "POST", f"/api/conversations/{cid}/incidents",
                               "actions", json={"symptom": "la fotocopiadora atasca",
                                                "equipment_id": "EQ-0002", "priority": "low"})
    assert status == 201, older
    photo = await send_photo(client, display_photo("AL 12"))
    status, body = await call(client, "POST", f"/api/conversations/{cid}/plate", "actions",
                              json={"attachment_id": photo, "into_incident": False})
    assert status == 200 and body["error_codes"] == ["AL-12"], body
    status, seen = await call(client, "GET", f"/api/incidents/{older['id']}", "agents")
    assert status == 200 and seen["symptom"] == "la fotocopiadora atasca", seen
    new = await report_incident(client, cid, {"symptom": "el compresor se para", "priority": "high",
                                              "equipment_id": "EQ-0001",
                                              "error_codes": ["AL-12"]})
    status, seen = await call(client, "GET", f"/api/incidents/{new['id']}", "agents")
    assert seen["symptom"] == "el compresor se para [display: AL-12]", seen
