"""Contract terms as stored (JSON, the layout of data/contracts.yml) ↔ the pure domain.

A version's `terms` holds: type, incident_types, covered_hours {timezone, schedule,
holidays?}, response_hours, resolution_hours, allowance?, out_of_hours?, past_allowance?,
price, billing, renewal?, tiers? [{up_to, price}], tier_basis?, clauses?
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from backend.domain import billing as b
from backend.domain import coverage as c
from backend.domain.errors import InvalidRequest

DEFAULT_HOLIDAYS = "es-national"
TERM_FIELDS = ("type", "incident_types", "covered_hours", "response_hours", "resolution_hours",
               "allowance", "out_of_hours", "past_allowance", "price", "billing", "renewal",
               "tiers", "tier_basis", "clauses")


@dataclass(frozen=True)
class VersionData:
    number: int
    kind: str
    valid_from: date
    valid_to: date | None
    terms: dict[str, Any]


@dataclass(frozen=True)
class ContractData:
    id: str
    customer: str
    start: date
    end: date | None
    state: str
    equipment: frozenset[str]
    versions: tuple[VersionData, ...]

    def version_on(self, day: date) -> VersionData:
        """The version valid on `day` (else the nearest: the first one, or the latest)."""
        if len(self.versions) == 1:  # valid or nearest, it is the one
            return self.versions[0]
        found = [v for v in self.versions if v.valid_from <= day
                 and (v.valid_to is None or day < v.valid_to)]
        if found:
            return found[0]
        return self.versions[0] if day < self.versions[0].valid_from else self.versions[-1]


def dec(value: Any, what: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise InvalidRequest(f"{what}: not a number: {value!r}", field=what) from exc
    if not number.is_finite():
        raise InvalidRequest(f"{what}: not a number: {value!r}", field=what)
    return number


def _hours(table: Any, what: str) -> dict[c.Priority, Decimal]:
    if not isinstance(table, dict):
        raise InvalidRequest(f"{what} must be a mapping of priority to hours", field=what)
    try:
        return {c.Priority(k): dec(v, f"{what}.{k}") for k, v in table.items()}
    except ValueError as exc:
        raise InvalidRequest(f"{what}: {exc}", field=what) from exc


def holiday_calendar(spec: Any) -> c.HolidayCalendar:
    """A calendar named in data/calendars.yml, or given inline as {country, subdiv?, ...}."""
    if isinstance(spec, dict):
        return c.calendar_from("inline", spec)
    if spec not in c.CALENDARS:
        raise InvalidRequest(f"unknown holiday calendar {spec!r} (known: {', '.join(c.CALENDARS)})",
                             field="covered_hours.holidays")
    return c.CALENDARS[spec]


def coverage_terms(terms: dict[str, Any]) -> c.ContractTerms:
    try:
        hours = terms["covered_hours"]
        calendar = holiday_calendar(hours.get("holidays", DEFAULT_HOLIDAYS))
        allowance = terms.get("allowance") or {}
        return c.ContractTerms(
            contract_type=c.ContractType(terms["type"]),
            incident_types=frozenset(c.IncidentType(t) for t in terms["incident_types"]),
            covered_hours=c.CoveredHours.parse(hours["timezone"], hours["schedule"], calendar),
            response_hours=_hours(terms["response_hours"], "response_hours"),
            resolution_hours=_hours(terms["resolution_hours"], "resolution_hours"),
            allowance=c.Allowance(
                hours=None if allowance.get("hours") is None else dec(allowance["hours"], "hours"),
                visits=None if allowance.get("visits") is None else int(allowance["visits"])),
            out_of_hours=c.OutOfHours(terms.get("out_of_hours") or "surcharge"),
            past_allowance=c.PastAllowance(terms.get("past_allowance") or "bill_labour"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, InvalidRequest):
            raise
        raise InvalidRequest(f"contract terms: {exc!r}") from exc


def tiers_of(terms: dict[str, Any]) -> tuple[b.UsageTier, ...]:
    return tuple(
        b.UsageTier(None if t.get("up_to") is None else dec(t["up_to"], "tiers.up_to"),
                    b.money(str(t["price"])))
        for t in terms.get("tiers") or ()
    )


def renewal_of(terms: dict[str, Any]) -> b.RenewalRule | None:
    rule = terms.get("renewal")
    if not rule:
        return None
    return b.RenewalRule(int(rule["every_months"]),
                         dec(rule.get("price_change_pct", "0"), "renewal.price_change_pct"))


def coverage_contract(data: ContractData) -> c.Contract:
    versions = tuple(c.ContractVersion(v.valid_from, coverage_terms(v.terms), v.valid_to)
                     for v in data.versions)
    zone = c.CoveredHours.parse(data.versions[-1].terms["covered_hours"]["timezone"], "24x7").tz
    return c.Contract(data.id, data.equipment, data.start, data.end, c.ContractState(data.state),
                      versions, zone)


def contract_billing(data: ContractData, version: VersionData, *,
                     renewal: bool) -> b.ContractBilling:
    """Billing terms priced as `version`; with `renewal`, carrying the renewal rule."""
    terms = version.terms
    return b.ContractBilling(
        contract_id=data.id, customer=data.customer, start=data.start, end=data.end,
        state=c.ContractState(data.state), frequency=b.BillingFrequency(terms["billing"]),
        price=b.money(str(terms["price"])), renewal=renewal_of(terms) if renewal else None,
        tiers=tiers_of(terms), tier_basis=b.TierBasis(terms.get("tier_basis") or "interventions"),
    )


def check_terms(terms: dict[str, Any]) -> None:
    """Raise a typed 400 error when the terms cannot be used for coverage or billing."""
    coverage_terms(terms)
    try:
        b.BillingFrequency(terms["billing"])
        b.money(str(terms["price"]))
        b.TierBasis(terms.get("tier_basis") or "interventions")
    except (KeyError, ValueError) as exc:
        raise InvalidRequest(f"contract billing terms: {exc!r}") from exc
    renewal_of(terms)
    b.ContractBilling("check", "check", date(2000, 1, 1), None, c.ContractState.ACTIVE,
                      b.BillingFrequency(terms["billing"]), b.money(str(terms["price"])),
                      tiers=tiers_of(terms))
