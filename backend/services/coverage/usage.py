"""Allowance used so far in the current contract year, from closed service orders: visits
(jobs on site) and the hours counted on the allowance (`covered_hours`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import ServiceOrder
from backend.domain.coverage import Contract, Usage, contract_year


async def usage_for(session: AsyncSession, contracts: Iterable[Contract], moment: datetime,
                    exclude: str | None = None) -> dict[str, Usage]:
    found: dict[str, Usage] = {}
    for contract in contracts:
        first, last = contract_year(contract.start, contract.local_date(moment))
        since = datetime.combine(first, time(0), tzinfo=contract.timezone)
        until = datetime.combine(last + timedelta(days=1), time(0), tzinfo=contract.timezone)
        query = select(func.coalesce(func.sum(ServiceOrder.covered_hours), 0),
                       func.count(ServiceOrder.id).filter(ServiceOrder.remote.is_(False))).where(
            ServiceOrder.contract_id == contract.id, ServiceOrder.state == "closed",
            ServiceOrder.ended_at >= since, ServiceOrder.ended_at < until)
        if exclude is not None:
            query = query.where(ServiceOrder.id != exclude)
        hours, visits = (await session.execute(query)).one()
        found[contract.id] = Usage(hours=Decimal(str(hours)), visits=int(visits))
    return found
