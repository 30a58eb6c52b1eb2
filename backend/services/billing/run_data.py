"""Bulk reads for a billing run: active contracts with their versions, keys already stored,
customers' languages, usage of the previous interval — a handful of queries for any number
of contracts (no per-contract round trips)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import BillingKey, Contract, ContractVersion, Customer, ServiceOrder
from backend.domain.billing import Period, TierBasis
from backend.services.contracts.terms import ContractData, VersionData
from backend.services.contracts.versions import version_rows

CHUNK = 900  # bound parameters per IN (...) under SQLite's limit
# The terms a billing run reads from a version (contract_billing, renewal_of): BILLING_TERMS,
# read as text (tiers: a JSON list) and the renewal rule's two parts (renewal_of reads no
# other).
TERM_PATHS = ("price", "billing", "tier_basis", "tiers")
RENEWAL_PARTS = ("every_months", "price_change_pct")
BILLING_TERMS = (*TERM_PATHS, "renewal")
MADRID = ZoneInfo("Europe/Madrid")


async def active_contracts(session: AsyncSession, now: datetime) -> list[ContractData]:
    """Active contracts with their versions, oldest first, in one query. A version's terms
    hold only BILLING_TERMS, read by the database (JSON paths) instead of decoding every
    document whole, and dates are parsed here: SQLAlchemy's per-value type processing was
    most of a run's reading time (docs/performance.md). A renewal reads whole versions."""
    terms = ContractVersion.terms
    query = select(
        Contract.id, Contract.customer_code, _raw(Contract.start), _raw(Contract.end),
        Contract.state, ContractVersion.number, ContractVersion.kind,
        _raw(ContractVersion.valid_from), _raw(ContractVersion.valid_to),
        *(terms[("renewal", k)].as_string() for k in RENEWAL_PARTS),
        *(terms[k].as_string() for k in TERM_PATHS),
    ).outerjoin(ContractVersion, ContractVersion.contract_id == Contract.id).where(
        Contract.state == "active").order_by(Contract.id, ContractVersion.valid_from)
    heads: dict[str, tuple[str, date, date | None, str]] = {}
    versions: dict[str, list[VersionData]] = defaultdict(list)
    for cid, customer, start, end, state, number, kind, since, until, *values in (
            await session.execute(query)).tuples():
        heads.setdefault(cid, (customer, _day(start), _day(end), state))
        if number is not None:
            versions[cid].append(VersionData(number, kind, _day(since), _day(until),
                                             _billing_terms(values)))
    for cid in [c for c in heads if c not in versions]:  # contracts from before versions
        legacy = await session.get(Contract, cid)
        assert legacy is not None
        versions[cid] = [VersionData(v.number, v.kind, v.valid_from, v.valid_to, v.terms)
                         for v in await version_rows(session, legacy, now)]
    return [ContractData(cid, customer, start, end, state, frozenset(), tuple(versions[cid]))
            for cid, (customer, start, end, state) in heads.items()]


def _raw(column: Any) -> Any:
    """A date column as the driver returns it (SQLite: ISO text, PostgreSQL: a date)."""
    return type_coerce(column, String)


def _day(value: Any) -> Any:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _billing_terms(values: Sequence[Any]) -> dict[str, Any]:
    """The BILLING_TERMS a version has, from the columns RENEWAL_PARTS and TERM_PATHS read
    (an absent or null term is left out: every reader uses `.get`)."""
    every, pct, *rest = values
    terms = {k: v for k, v in zip(TERM_PATHS, rest, strict=True) if v is not None}
    if "tiers" in terms:
        terms["tiers"] = json.loads(terms["tiers"])
    if every is not None or pct is not None:
        terms["renewal"] = {k: v for k, v in (("every_months", every),
                                              ("price_change_pct", pct)) if v is not None}
    return terms


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
