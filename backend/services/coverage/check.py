"""check_coverage questions ("is my compressor under warranty?", "how many hours are left?"):
the decision for a fault reported now on one machine, and each contract's allowance left."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from backend.adapters import repositories as repo
from backend.domain import coverage as c
from backend.domain.errors import UnknownEquipment
from backend.services.contracts.terms import ContractData, coverage_contract, coverage_terms
from backend.services.contracts.versions import contracts_of_equipment
from backend.services.conversations.lookup import verified
from backend.services.coverage.decision import language_of
from backend.services.coverage.usage import usage_for
from backend.services.platform.uow import UnitOfWorkFactory
from backend.services.platform.views import equipment_view


def hours(value: Decimal) -> str:
    """40.00 → "40", 2.50 → "2.5"."""
    return format(value.normalize(), "f")


def _left(limit: Decimal | None, used: Decimal) -> str | None:
    return None if limit is None else hours(max(Decimal(0), limit - used))


def _contract_view(data: ContractData, contract: c.Contract, usage: c.Usage,
                   today: date) -> dict[str, Any]:
    version = data.version_on(today)
    terms = coverage_terms(version.terms)
    allowance = terms.allowance
    return {
        "id": data.id, "type": terms.contract_type.value, "state": data.state,
        "start": data.start.isoformat(), "end": data.end.isoformat() if data.end else None,
        "in_force": contract.in_force_on(today) and data.state == "active",
        "covered_hours": terms.covered_hours.schedule.text,
        "incident_types": sorted(t.value for t in terms.incident_types),
        "allowance": {"hours": None if allowance.hours is None else str(allowance.hours),
                      "visits": allowance.visits},
        "used": {"hours": hours(usage.hours), "visits": usage.visits},
        "left": {"hours": _left(allowance.hours, usage.hours),
                 "visits": None if allowance.visits is None
                 else max(0, allowance.visits - usage.visits)},
    }


async def check_coverage(uows: UnitOfWorkFactory, cid: str, equipment_id: str | None,
                         serial: str | None) -> dict[str, Any]:
    async with uows() as uow:
        conversation, customer = await verified(uow, cid)
        language = await language_of(uow, customer, conversation.language)
        if not equipment_id and not serial:
            rows = await repo.customer_equipment(uow.session, customer)
            return {"equipment": None, "choices": [equipment_view(e) for e in rows],
                    "language": language}
        eq = await repo.find_customer_equipment(uow.session, customer, equipment_id, serial)
        if eq is None:
            raise UnknownEquipment(f"no equipment {equipment_id or serial!r} among this "
                                   "customer's equipment")
        now = uow.clock()
        data = await contracts_of_equipment(uow.session, eq.id, now)
        contracts = [coverage_contract(d) for d in data]
        usage = await usage_for(uow.session, contracts, now)
        decision = c.decide_coverage(c.Equipment(eq.id, eq.warranty_end), incident_type=None,
                                     moment=now, contracts=contracts, usage=usage)
        today = now.astimezone(c.DEFAULT_WARRANTY_TERMS.covered_hours.tz).date()
        await uow.commit()
        return {
            "equipment": equipment_view(eq), "language": language,
            "outcome": decision.outcome.value,
            "applies": None if decision.applies is None else {
                "kind": decision.applies.kind.value, "id": decision.applies.id},
            "reasons": list(decision.explain(language)),
            "warranty": {"until": eq.warranty_end.isoformat() if eq.warranty_end else None,
                         "valid": eq.warranty_end is not None and eq.warranty_end >= today},
            "contracts": [_contract_view(d, k, usage[k.id], today)
                          for d, k in zip(data, contracts, strict=True)],
        }
