"""Contract commands (admin): create, amend, renew, suspend, activate, cancel; list and show.

Every amendment or renewal is a new version of the terms with its `valid_from`; the contract's
columns always mirror the latest version. States: draft → active ⇄ suspended; any of them →
cancelled; active → expired.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from backend.adapters.orm import Contract, ContractEquipment, Customer, Equipment
from backend.domain.billing import apply_change, money
from backend.domain.errors import InvalidRequest, InvalidTransition, NotFound
from backend.services.contracts.terms import TERM_FIELDS, check_terms, dec
from backend.services.contracts.versions import add_version, get_contract, version_rows
from backend.services.contracts.views import contract_view, version_view
from backend.services.platform.uow import UnitOfWorkFactory

STATES: Mapping[str, frozenset[str]] = {
    "draft": frozenset({"active", "cancelled"}),
    "active": frozenset({"suspended", "cancelled", "expired"}),
    "suspended": frozenset({"active", "cancelled"}),
    "expired": frozenset({"active"}),
    "cancelled": frozenset(),
}


async def list_contracts(uows: UnitOfWorkFactory, customer: str | None = None) -> dict[str, Any]:
    async with uows() as uow:
        query = select(Contract).order_by(Contract.id)
        if customer:
            query = query.where(Contract.customer_code == customer)
        rows = (await uow.session.execute(query)).scalars().all()
        return {"contracts": [contract_view(r) for r in rows]}


async def show_contract(uows: UnitOfWorkFactory, contract_id: str) -> dict[str, Any]:
    async with uows() as uow:
        row = await get_contract(uow.session, contract_id)
        versions = await version_rows(uow.session, row, uow.clock())
        await uow.commit()
        return contract_view(row, versions)


async def _next_contract_id(uow: Any) -> str:
    ids = (await uow.session.execute(select(Contract.id))).scalars().all()
    numbers = [int(i[3:]) for i in ids if i.startswith("CT-") and i[3:].isdigit()]
    return f"CT-{max(numbers, default=0) + 1:04d}"


async def create_contract(uows: UnitOfWorkFactory, body: dict[str, Any]) -> dict[str, Any]:
    terms = {k: body[k] for k in TERM_FIELDS if body.get(k) is not None}
    check_terms(terms)
    terms["price"] = str(money(str(terms["price"])))
    async with uows() as uow:
        customer = await uow.session.get(Customer, body["customer"])
        if customer is None:
            raise NotFound(f"customer {body['customer']} not found", id=body["customer"])
        for equipment_id in body["equipment"]:
            eq = await uow.session.get(Equipment, equipment_id)
            if eq is None or eq.customer_code != customer.code:
                raise InvalidRequest(f"equipment {equipment_id} is not {customer.code}'s",
                                     field="equipment")
        contract_id = body.get("id") or await _next_contract_id(uow)
        if await uow.session.get(Contract, contract_id) is not None:
            raise InvalidRequest(f"contract {contract_id} exists already", field="id")
        start, end = date.fromisoformat(body["start"]), _date(body.get("end"))
        row = Contract(id=contract_id, customer_code=customer.code, start=start, end=end,
                       state=body.get("state") or "draft", **_columns(terms))
        row.equipment_links = [ContractEquipment(contract_id=contract_id, equipment_id=e)
                               for e in sorted(set(body["equipment"]))]
        uow.session.add(row)
        await uow.flush()
        versions = await version_rows(uow.session, row, uow.clock())
        versions[0].terms = terms
        await uow.commit()
        return contract_view(row, versions)


def _columns(terms: dict[str, Any]) -> dict[str, Any]:
    skip = ("out_of_hours", "past_allowance", "tiers", "tier_basis")
    cols = {k: v for k, v in terms.items() if k not in skip}
    cols["price"] = money(str(terms["price"]))
    cols.setdefault("incident_types", [])
    return cols


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


async def amend_contract(uows: UnitOfWorkFactory, contract_id: str, valid_from: date,
                         changes: dict[str, Any], note: str | None = None) -> dict[str, Any]:
    unknown = set(changes) - set(TERM_FIELDS)
    if unknown or not changes:
        raise InvalidRequest(f"amendable terms: {', '.join(TERM_FIELDS)}", field="changes")
    if "price" in changes:
        changes = {**changes, "price": str(money(str(changes["price"])))}
    async with uows() as uow:
        row = await get_contract(uow.session, contract_id)
        new = await add_version(uow.session, row, kind="amendment", valid_from=valid_from,
                                changes=changes, now=uow.clock(), note=note)
        await uow.commit()
        return version_view(new)


async def renew_contract(uows: UnitOfWorkFactory, contract_id: str, until: date | None = None,
                         price_change_pct: str | None = None) -> dict[str, Any]:
    """Extend a contract with an end date by one term (its renewal rule, else 12 months)."""
    async with uows() as uow:
        row = await get_contract(uow.session, contract_id)
        if row.end is None:
            raise InvalidRequest(f"{row.id} has no end: it renews by itself in billing runs")
        if row.state not in ("active", "expired"):
            raise InvalidTransition(f"a {row.state} contract cannot be renewed", state=row.state)
        rule = row.renewal or {}
        start = row.end + timedelta(days=1)
        new_end = until or start + relativedelta(months=int(rule.get("every_months", 12))
                                                 ) - timedelta(days=1)
        if new_end < start:
            raise InvalidRequest("the renewal must end after the current end", field="until")
        pct = dec(price_change_pct if price_change_pct is not None
                  else rule.get("price_change_pct", "0"), "price_change_pct")
        new = await add_version(uow.session, row, kind="renewal", valid_from=start,
                                changes={"price": str(apply_change(row.price, pct))},
                                now=uow.clock(), note=f"renewed until {new_end}, price {pct:+} %")
        row.end, row.state = new_end, "active"
        await uow.commit()
        return {**version_view(new), "contract": contract_view(row)}


async def change_state(uows: UnitOfWorkFactory, contract_id: str, target: str) -> dict[str, Any]:
    async with uows() as uow:
        row = await get_contract(uow.session, contract_id)
        if target not in STATES.get(row.state, frozenset()):
            raise InvalidTransition(f"a contract in state '{row.state}' cannot become '{target}'",
                                    state=row.state, target=target)
        row.state = target
        await uow.commit()
        return contract_view(row)
