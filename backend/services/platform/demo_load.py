"""`avisa demo load`: idempotent upsert of data/*.yml in one transaction.

Contract terms also become version 1 of each contract (kept when amendments exist), and
data/price_list.yml (optional) becomes the price list."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.db import create_engine, session_factory
from backend.adapters.orm import (
    Contact,
    Contract,
    ContractEquipment,
    Customer,
    Equipment,
    Site,
    Technician,
)
from backend.domain.clock import Clock, utcnow
from backend.services.billing.prices import store_document
from backend.services.contracts.versions import row_terms, version_rows
from backend.services.platform.demo_data import (
    CONTRACT,
    EQUIPMENT,
    TECHNICIAN,
    DemoDataError,
    check,
    customer_record,
    read_items,
)

__all__ = ["DemoDataError", "load_directory", "load_into", "save_contract"]


async def load_directory(database_url: str, data: Path, clock: Clock = utcnow) -> dict[str, int]:
    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            return await load_into(session, data, clock())
    finally:
        await engine.dispose()


async def load_into(session: AsyncSession, data: Path, now: datetime) -> dict[str, int]:
    counts = {"customers": 0, "equipment": 0, "contracts": 0, "technicians": 0}
    for where, raw in read_items(data / "customers.yml", "customers"):
        await _customer(session, customer_record(raw, where))
        counts["customers"] += 1
    await session.flush()
    for where, raw in read_items(data / "equipment.yml", "equipment"):
        await _equipment(session, check(EQUIPMENT, raw, where), where)
        counts["equipment"] += 1
    await session.flush()
    for where, raw in read_items(data / "contracts.yml", "contracts"):
        record = check(CONTRACT, raw, where)
        await _owned(session, record["customer"], where)
        for equipment_id in record["equipment"]:
            equipment = await session.get(Equipment, equipment_id)
            if equipment is None or equipment.customer_code != record["customer"]:
                raise DemoDataError(f"{where}: equipment '{equipment_id}' is not "
                                    f"{record['customer']}'s")
        await save_contract(session, record, now)
        counts["contracts"] += 1
    for where, raw in read_items(data / "technicians.yml", "technicians"):
        await session.merge(Technician(**check(TECHNICIAN, raw, where)))
        counts["technicians"] += 1
    await session.flush()
    if (data / "price_list.yml").exists():
        counts["parts"] = await _price_list(session, data / "price_list.yml", now)
    return counts


async def _price_list(session: AsyncSession, path: Path, now: datetime) -> int:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        return await store_document(session, document, now)
    except (yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DemoDataError(f"{path.name}: {exc}") from exc


async def _customer(session: AsyncSession, record: dict[str, Any]) -> None:
    contacts, sites = record.pop("contacts"), record.pop("sites")
    await session.merge(Customer(**record))
    await session.execute(delete(Contact).where(Contact.customer_code == record["code"]))
    if contacts and not any(c["preferred"] for c in contacts):
        contacts[0]["preferred"] = True  # the first one receives one-time codes
    for contact in contacts:
        contact["preferred"] = bool(contact["preferred"])
        session.add(Contact(customer_code=record["code"], **contact))
    for site in sites:
        await session.merge(Site(customer_code=record["code"], **site))


async def _owned(session: AsyncSession, customer: str, where: str) -> None:
    if await session.get(Customer, customer) is None:
        raise DemoDataError(f"{where}: unknown customer '{customer}' (not in customers.yml)")


async def _equipment(session: AsyncSession, record: dict[str, Any], where: str) -> None:
    customer = record.pop("customer")
    site_id = record.pop("site")
    await _owned(session, customer, where)
    if site_id is not None:
        site = await session.get(Site, site_id)
        if site is None or site.customer_code != customer:
            raise DemoDataError(f"{where}: site '{site_id}' is not a site of {customer}")
    await session.merge(Equipment(customer_code=customer, site_id=site_id, **record))


async def save_contract(session: AsyncSession, record: dict[str, Any], now: datetime) -> None:
    """Upsert a checked contract (its customer and equipment exist) with its version 1."""
    customer = record.pop("customer")
    equipment_ids = record.pop("equipment")
    contract = await session.merge(Contract(customer_code=customer, **record))
    contract.equipment_links = [
        ContractEquipment(contract_id=contract.id, equipment_id=e)
        for e in sorted(set(equipment_ids))
    ]
    await session.flush()
    versions = await version_rows(session, contract, now)
    if len(versions) == 1:  # the file's terms are version 1; amendments made since are kept
        versions[0].terms, versions[0].valid_from = row_terms(contract), contract.start
