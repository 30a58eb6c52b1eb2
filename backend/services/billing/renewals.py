"""Renewals in a billing run: every renewal term (domain `terms_until`) that has started by
the end of the period and has no version yet becomes a version with the renewed price
(the previous version's price changed by the rule's %, tiers scaled alike), with its key
stored in the same transaction."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend.adapters.orm import BillingKey, Contract
from backend.domain.billing import Period, Renewal, apply_change, money, terms_until
from backend.domain.billing.periods import add_months
from backend.services.contracts.terms import ContractData, renewal_of
from backend.services.contracts.versions import add_version, version_data, version_rows
from backend.services.platform.uow import UnitOfWork


def _missing(data: ContractData, period: Period) -> list[Any]:
    rule = renewal_of(data.versions[-1].terms)
    if rule is None:
        return []
    have = {v.valid_from for v in data.versions}
    if all(start in have for start in _renewal_starts(data, rule.every_months, period)):
        return []  # every renewal started by the period's end has its version (or none is due)
    base = money(str(data.versions[0].terms["price"]))
    terms = terms_until(data.start, data.end, base, rule, period.last_day)
    return [t for t in terms if t.index > 0 and t.start not in have]


def _renewal_starts(data: ContractData, every_months: int, period: Period) -> list[Any]:
    """First days of the renewal terms (index ≥ 1) started by the period's end, as
    `terms_until` dates them, without pricing them."""
    starts, index, until = [], 1, period.last_day
    while (start := add_months(data.start, index * every_months)) <= until and (
            data.end is None or start <= data.end):
        starts.append(start)
        index += 1
    return starts


async def _carry_forward(uow: UnitOfWork, row: Contract, start: Any, old_price: str,
                         changes: dict[str, Any]) -> None:
    """Later versions (amendments made before the renewal was performed) that kept the old
    price take the renewed one too."""
    for version in await version_rows(uow.session, row, uow.clock()):
        if version.valid_from > start and str(version.terms.get("price")) == old_price:
            version.terms = {**version.terms, **changes}
            if version.valid_to is None:
                row.price = money(changes["price"])


async def perform_renewals(uow: UnitOfWork, contracts: list[ContractData], period: Period
                           ) -> tuple[list[dict[str, Any]], dict[str, ContractData]]:
    """(renewals done, contracts whose versions changed, re-read)."""
    done: list[dict[str, Any]] = []
    changed: dict[str, ContractData] = {}
    for data in contracts:
        missing = _missing(data, period)
        if not missing:
            continue
        row = await uow.session.get(Contract, data.id)
        assert row is not None
        rule = renewal_of(data.versions[-1].terms)
        assert rule is not None
        pct = rule.price_change_pct
        prior = data.version_on(missing[0].start - timedelta(days=1)).terms
        price, tiers = money(str(prior["price"])), prior.get("tiers") or []
        previous = str(price)
        for term in missing:
            price = apply_change(price, pct)
            tiers = [{"up_to": t.get("up_to"), "price": str(apply_change(money(str(t["price"])),
                                                                         pct))} for t in tiers]
            changes: dict[str, Any] = {"price": str(price)}
            if tiers:
                changes["tiers"] = tiers
            await add_version(uow.session, row, kind="renewal", valid_from=term.start,
                              changes=changes, now=uow.clock(),
                              note=f"renewal {term.index}, price {pct:+} %")
            await _carry_forward(uow, row, term.start, previous, changes)
            previous = changes["price"]
            key = Renewal(data.id, term).key
            uow.session.add(BillingKey(key=key, period=str(Period.of(term.start)),
                                       document_id=None, created_at=uow.clock()))
            done.append({"contract_id": data.id, "valid_from": term.start.isoformat(),
                         "price": str(price), "key": key})
        await uow.flush()
        versions = await version_rows(uow.session, row, uow.clock())
        changed[data.id] = ContractData(data.id, data.customer, data.start, data.end, data.state,
                                        data.equipment, tuple(version_data(v) for v in versions))
    return done, changed
