"""Reading contracts with their versions, and adding a version (amendment, renewal) so that
versions never overlap: the version in force on `valid_from` now ends there."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Contract, ContractEquipment, ContractVersion
from backend.adapters.repositories import get_row
from backend.domain.errors import InvalidRequest
from backend.services.contracts.terms import (
    TERM_FIELDS,
    ContractData,
    VersionData,
    check_terms,
)

COLUMNS = tuple(f for f in TERM_FIELDS if f not in ("out_of_hours", "past_allowance", "tiers",
                                                       "tier_basis"))


def row_terms(row: Contract) -> dict[str, Any]:
    """The terms held in the contract's columns (its latest terms)."""
    terms: dict[str, Any] = {f: getattr(row, f) for f in COLUMNS}
    terms["price"] = str(row.price)
    return terms


def set_row_terms(row: Contract, terms: dict[str, Any]) -> None:
    for name in COLUMNS:
        if name in terms:
            setattr(row, name, terms[name])


def version_data(v: ContractVersion) -> VersionData:
    return VersionData(v.number, v.kind, v.valid_from, v.valid_to, v.terms)


async def version_rows(
    session: AsyncSession, row: Contract, now: datetime
) -> list[ContractVersion]:
    """The versions, oldest first; a contract without any gets version 1 from its columns."""
    result = await session.execute(select(ContractVersion).where(
        ContractVersion.contract_id == row.id).order_by(ContractVersion.valid_from))
    rows = list(result.scalars())
    if not rows:
        first = ContractVersion(contract_id=row.id, number=1, kind="initial", valid_from=row.start,
                                valid_to=None, terms=row_terms(row), created_at=now)
        session.add(first)
        rows = [first]
    return rows


async def contract_data(session: AsyncSession, rows: Iterable[Contract],
                        now: datetime) -> list[ContractData]:
    found = []
    for row in rows:
        versions = await version_rows(session, row, now)
        found.append(ContractData(row.id, row.customer_code, row.start, row.end, row.state,
                                  frozenset(row.equipment_ids),
                                  tuple(version_data(v) for v in versions)))
    return found


async def get_contract(session: AsyncSession, contract_id: str) -> Contract:
    return await get_row(session, Contract, contract_id.strip().upper(), "contract", contract_id)


async def contracts_of_equipment(session: AsyncSession, equipment_id: str,
                                 now: datetime) -> list[ContractData]:
    result = await session.execute(
        select(Contract)
        .join(ContractEquipment)
        .where(ContractEquipment.equipment_id == equipment_id)
        .order_by(Contract.id))
    return await contract_data(session, result.scalars().unique(), now)


async def add_version(session: AsyncSession, row: Contract, *, kind: str, valid_from: date,
                      changes: dict[str, Any], now: datetime, note: str | None = None
                      ) -> ContractVersion:
    """A new version valid from `valid_from`: the terms then in force with `changes`."""
    if valid_from < row.start:
        raise InvalidRequest(f"{row.id} starts on {row.start}; a version cannot start before",
                             field="valid_from")
    versions = await version_rows(session, row, now)
    if any(v.valid_from == valid_from for v in versions):
        raise InvalidRequest(f"{row.id} already has a version starting on {valid_from}",
                             field="valid_from")
    before = [v for v in versions if v.valid_from < valid_from][-1]
    terms = {**before.terms, **changes}
    check_terms(terms)
    new = ContractVersion(contract_id=row.id, number=max(v.number for v in versions) + 1,
                          kind=kind, valid_from=valid_from, valid_to=before.valid_to,
                          terms=terms, note=note, created_at=now)
    before.valid_to = valid_from
    session.add(new)
    if new.valid_to is None:
        set_row_terms(row, terms)
    return new
