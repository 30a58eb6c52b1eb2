"""Periodic billing: contracts due by frequency, renewals as versions, usage tiers from closed
service orders, idempotency (a second run bills nothing)."""

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from backend.adapters.orm import BillingDocumentRow, BillingKey, ContractVersion
from backend.services.billing.run import run_billing
from backend.services.contracts.commands import amend_contract
from tests.backend.helpers import call


async def count(uows, model):
    async with uows() as uow:
        return (await uow.session.execute(select(func.count()).select_from(model))).scalar_one()


async def test_run_twice_bills_once(uows):
    first = await run_billing(uows, "2026-11")
    assert len(first["invoices"]) == 21 and first["already_billed"] == 0
    ids = {i["contract_id"]: i for i in first["invoices"]}
    assert ids["CT-0002"]["net"] == "690.00" and ids["CT-0002"]["total"] == "834.90"
    assert "CT-0001" not in ids  # quarterly from January: due in Jan, Apr, Jul, Oct
    documents, keys = await count(uows, BillingDocumentRow), await count(uows, BillingKey)
    second = await run_billing(uows, "2026-11")
    assert second["invoices"] == [] and second["renewals"] == []
    assert second["already_billed"] == 21
    assert (await count(uows, BillingDocumentRow), await count(uows, BillingKey)) == (documents,
                                                                                     keys)


async def test_renewal_becomes_a_version_with_the_price_change(uows):
    result = await run_billing(uows, "2026-01")
    renewal = next(r for r in result["renewals"] if r["contract_id"] == "CT-0001")
    assert renewal == {"contract_id": "CT-0001", "valid_from": "2026-01-01", "price": "1493.50",
                       "key": "CT-0001/renewal/2026-01-01"}
    invoice = next(i for i in result["invoices"] if i["contract_id"] == "CT-0001")
    assert invoice["net"] == "1493.50"  # billed at the renewed price
    async with uows() as uow:
        versions = (await uow.session.execute(select(ContractVersion).where(
            ContractVersion.contract_id == "CT-0001").order_by(ContractVersion.number))).scalars()
        assert [(v.kind, v.valid_from, v.valid_to) for v in versions] == [
            ("initial", date(2025, 1, 1), date(2026, 1, 1)), ("renewal", date(2026, 1, 1), None)]
    again = await run_billing(uows, "2026-01")
    assert again["renewals"] == [] and again["invoices"] == []


async def test_usage_tiers_from_closed_service_orders(api, uows):
    await amend_contract(uows, "CT-0002", date(2026, 11, 1), {
        "tiers": [{"up_to": "1", "price": "690.00"}, {"up_to": None, "price": "800.00"}],
        "tier_basis": "interventions"})
    from tests.backend.billing.conftest import conversation, report

    cid = await conversation(api, "+34976470512")
    incident = await report(api, cid, "KM-C4080-00318")
    for _ in range(2):  # two visits for one incident
        _, order = await call(api, "POST", f"/api/incidents/{incident['id']}/service-orders",
                              "agents", json={})
        status, _ = await call(api, "POST", f"/api/service-orders/{order['id']}/close", "agents",
                               json={"labour_hours": "1", "started_at": "2026-11-24T10:00:00+01:00",
                                     "ended_at": "2026-11-24T11:00:00+01:00"})
        assert status == 200
    status, result = await call(api, "POST", "/api/billing/runs", json={"period": "2026-12"})
    assert status == 200
    invoice = next(i for i in result["invoices"] if i["contract_id"] == "CT-0002")
    assert Decimal(invoice["net"]) == Decimal("800.00")
    status, doc = await call(api, "GET", f"/api/billing/documents/{invoice['id']}")
    assert "2 intervenciones" in doc["lines"][0]["description"]


async def test_bad_period_is_400(api):
    status, body = await call(api, "POST", "/api/billing/runs", json={"period": "2026-13"})
    assert status == 400 and body["error"]["code"] == "invalid_period"


async def test_late_renewal_carries_its_price_into_a_later_amendment(uows):
    await amend_contract(uows, "CT-0001", date(2026, 12, 1), {"clauses": "24x7 from December"})
    await run_billing(uows, "2026-11")
    async with uows() as uow:
        versions = (await uow.session.execute(select(ContractVersion).where(
            ContractVersion.contract_id == "CT-0001").order_by(ContractVersion.valid_from)))
        assert [(v.kind, v.terms["price"]) for v in versions.scalars()] == [
            ("initial", "1450.00"), ("renewal", "1493.50"), ("amendment", "1493.50")]
