"""Bulk reads for a billing run: active contracts with their versions, keys already stored,
customers' languages, usage of the previous interval — a handful of queries for any number
of contracts (no per-contract round trips)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import BillingKey, Contract, ContractVersion, Customer, ServiceOrder
from backend.domain.billing import Period, TierBasis
from backend.services.contracts.terms import ContractData, VersionData
from backend.services.contracts.versions import version_rows

CHUNK = 900  # bound parameters per IN (...) under SQLite's limit
MADRID = ZoneInfo("Europe/Madrid")


async def active_contracts(session: AsyncSession, now: datetime) -> list[ContractData]:
    rows = (await session.execute(select(
        Contract.id, Contract.customer_code, Contract.start, Contract.end, Contract.state).where(
        Contract.state == "active").order_by(Contract.id))).all()
    versions: dict[str, list[VersionData]] = defaultdict(list)
    result = await session.execute(select(
        ContractVersion.contract_id, ContractVersion.number, ContractVersion.kind,
        ContractVersion.valid_from, ContractVersion.valid_to, ContractVersion.terms).join(
        Contract, Contract.id == ContractVersion.contract_id).where(Contract.state == "active")
        .order_by(ContractVersion.contract_id, ContractVersion.valid_from))
    for cid, number, kind, valid_from, valid_to, terms in result:
        versions[cid].append(VersionData(number, kind, valid_from, valid_to, terms))
    for cid in [r[0] for r in rows if r[0] not in versions]:  # contracts from before versions
        legacy = await session.get(Contract, cid)
        assert legacy is not None
        versions[cid] = [VersionData(v.number, v.kind, v.valid_from, v.valid_to, v.terms)
                         for v in await version_rows(session, legacy, now)]
    return [ContractData(cid, customer, start, end, state, frozenset(), tuple(versions[cid]))
            for cid, customer, start, end, state in rows]


async def keys_done(session: AsyncSession, period: Period) -> set[str]:
    result = await session.execute(select(BillingKey.key).where(BillingKey.period == str(period)))
    return set(result.scalars())


async def languages(session: AsyncSession) -> dict[str, str]:
    return dict((await session.execute(select(Customer.code, Customer.language))).tuples().all())


async def interval_usage(session: AsyncSession, wanted: Iterable[tuple[str, date, date, TierBasis]]
                         ) -> dict[str, Decimal]:
    """Interventions (jobs) or labour hours of closed service orders per contract, each over
    its own [first, last] local dates."""
    wanted = list(wanted)
    found: dict[str, Decimal] = {}
    for i in range(0, len(wanted), CHUNK):
        chunk = {cid: (first, last, basis) for cid, first, last, basis in wanted[i:i + CHUNK]}
        since = datetime.combine(min(f for f, _, _ in chunk.values()), time(0), MADRID)
        until = datetime.combine(max(t for _, t, _ in chunk.values()) + timedelta(days=1),
                                 time(0), MADRID)
        result = await session.execute(select(
            ServiceOrder.contract_id, ServiceOrder.ended_at, ServiceOrder.labour_hours).where(
            ServiceOrder.state == "closed", ServiceOrder.contract_id.in_(list(chunk)),
            ServiceOrder.ended_at >= since, ServiceOrder.ended_at < until))
        for cid, ended, hours in result:
            first, last, basis = chunk[cid]
            if cid is not None and ended is not None and first <= ended.astimezone(
                    MADRID).date() <= last:
                step = Decimal(hours or 0) if basis is TierBasis.HOURS else Decimal(1)
                found[cid] = found.get(cid, Decimal(0)) + step
    return found
