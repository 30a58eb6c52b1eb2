"""Exports for the ERP (JSON, CSV, UBL 2.1) move issued documents to exported; every document
renders as a PDF whose text holds its number."""

import csv
import io
import json
from xml.etree import ElementTree

from pypdf import PdfReader

from backend.services.billing.export_ubl import CBC
from backend.services.billing.run import run_billing
from tests.backend.helpers import call, h


async def test_export_json_then_csv_sees_nothing_left(api, uows):
    await run_billing(uows, "2026-11")
    status, body = await call(api, "POST", "/api/billing/exports", json={"format": "json"})
    assert status == 200
    (file,) = body["files"]
    docs = json.loads(file["content"])["documents"]
    assert len(docs) == 21 and {d["state"] for d in docs} == {"exported"}
    assert docs[0]["lines"][0]["kind"] == "contract_fee" and docs[0]["totals"]["vat_by_rate"]
    status, body = await call(api, "POST", "/api/billing/exports", json={"format": "csv"})
    rows = list(csv.reader(io.StringIO(body["files"][0]["content"])))
    assert rows[0][0] == "document_id" and len(rows) == 1  # header only: all exported already
    status, listed = await call(api, "GET", "/api/billing/documents?state=exported")
    assert len(listed["documents"]) == 21


async def test_export_csv_and_ubl_since(api, uows):
    await run_billing(uows, "2026-11")
    status, body = await call(api, "POST", "/api/billing/exports",
                              json={"format": "csv", "since": "2030-01-01"})
    assert len(list(csv.reader(io.StringIO(body["files"][0]["content"])))) == 1
    status, body = await call(api, "POST", "/api/billing/exports", json={"format": "ubl"})
    assert status == 200 and len(body["files"]) == 21
    root = ElementTree.fromstring(body["files"][0]["content"].encode())
    assert root.tag.endswith("}Invoice")
    assert root.find(f"{{{CBC}}}ID").text == body["files"][0]["name"].removesuffix(".xml")
    assert root.find(f"{{{CBC}}}UBLVersionID").text == "2.1"


async def test_single_document_formats_and_pdf(api, uows):
    await run_billing(uows, "2026-11")
    status, doc = await call(api, "GET", "/api/billing/documents/INV-00001")
    assert status == 200 and doc["state"] == "issued"
    resp = await api.get("/api/billing/documents/INV-00001.csv", headers=h("admin"))
    assert resp.status == 200 and resp.content_type == "text/csv"
    assert "INV-00001" in await resp.text()
    resp = await api.get("/api/billing/documents/INV-00001.xml", headers=h("admin"))
    assert resp.status == 200 and b"<cbc:ID>INV-00001</cbc:ID>" in await resp.read()
    resp = await api.get("/api/billing/documents/INV-00001.pdf", headers=h("admin"))
    body = await resp.read()
    assert resp.status == 200 and resp.content_type == "application/pdf"
    assert body.startswith(b"%PDF") and len(body) > 1000
    text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert "INV-00001" in text and "FACTURA" in text and "834,90" in text
    status, doc = await call(api, "GET", "/api/billing/documents/INV-00001")
    assert doc["state"] == "issued"  # reading never exports
    resp = await api.get("/api/billing/documents/INV-00001.pdf", headers=h("actions"))
    assert resp.status == 403
    status, body = await call(api, "GET", "/api/billing/documents/INV-09999.pdf")
    assert status == 404


async def test_delivery_note_issue_export_and_english_pdf(api):
    from tests.backend.billing.test_service_orders import JOB

    cid = (await call(api, "POST", "/api/messages/inbound", "gateway", json={
        "channel": "email", "address": "oliver.grant@northbridge-logistics.com",
        "text": "hi"}))[1]["conversation_id"]
    _, incident = await call(api, "POST", f"/api/conversations/{cid}/incidents", "actions",
                             json={"serial": "FL-7120-E", "symptom": "won't lift",
                                   "priority": "medium"})
    await call(api, "POST", f"/api/incidents/{incident['id']}/consent", "agents",
               json={"accepted": True})
    _, order = await call(api, "POST", f"/api/incidents/{incident['id']}/service-orders",
                          "agents", json={})
    _, closed = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                           json={**JOB, "parts": [], "incident_type": "misuse"})
    note = closed["delivery_note"]
    assert note is not None and note["language"] == "en", closed["coverage"]
    status, body = await call(api, "POST", "/api/billing/exports", json={"format": "json"})
    assert json.loads(body["files"][0]["content"])["documents"] == []  # drafts are not exported
    status, issued = await call(api, "POST", f"/api/billing/documents/{note['id']}/issue")
    assert status == 200 and issued["state"] == "issued"
    status, body = await call(api, "POST", f"/api/billing/documents/{note['id']}/issue")
    assert status == 409 and body["error"]["code"] == "invalid_transition"
    resp = await api.get(f"/api/billing/documents/{note['id']}.pdf", headers=h("admin"))
    text = PdfReader(io.BytesIO(await resp.read())).pages[0].extract_text()
    assert note["id"] in text and "DELIVERY NOTE" in text and "Labour" in text
