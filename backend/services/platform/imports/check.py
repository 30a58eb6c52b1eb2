"""Rows → clean records, or every problem: each field of each row, unknown columns,
duplicate names, and references to what is neither in the import nor in the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.adapters.orm import Customer, Equipment, Incident, Site, Technician
from backend.services.platform.imports.read import Problem, Row, Rows
from backend.services.platform.imports.specs import KEYS, KINDS, Spec, specs

Record = tuple[Row, dict[str, Any]]


@dataclass
class Plan:
    records: dict[str, list[Record]] = field(default_factory=lambda: {k: [] for k in KINDS})
    problems: list[Problem] = field(default_factory=list)


def convert(rows: Rows, zone: ZoneInfo) -> Plan:
    plan = Plan(problems=list(rows.problems))
    all_specs = specs(zone)
    for kind in KINDS:
        seen: dict[str, int] = {}
        for row in rows.by_kind[kind]:
            clean = _row(plan, all_specs[kind], row)
            key = KEYS[kind]
            if clean is None:
                continue
            if key is not None:
                name = str(clean[key])
                if name in seen:
                    plan.problems.append(Problem(row.file, row.row, f"{key} '{name}' repeats "
                                                 f"row {seen[name]}"))
                    continue
                seen[name] = row.row
            plan.records[kind].append((row, clean))
    return plan


def _row(plan: Plan, spec: Spec, row: Row) -> dict[str, Any] | None:
    problems = [f"unknown column '{name}'" for name in row.raw if name not in spec]
    clean: dict[str, Any] = {}
    for name, (required, convert_value) in spec.items():
        value = row.raw.get(name)
        if value is None or value == "":
            if required:
                problems.append(f"missing '{name}'")
            clean[name] = None
            continue
        try:
            clean[name] = convert_value(value)
        except (ValueError, TypeError) as exc:
            problems.append(f"'{name}': {exc}")
    plan.problems += [Problem(row.file, row.row, reason) for reason in problems]
    return None if problems else clean


async def check_references(session: AsyncSession, plan: Plan) -> None:
    """Every customer, site, equipment, technician and incident named must exist, in the
    import or in the database, and belong to the right customer."""
    r = plan.records
    customers = {c["code"] for _, c in r["customers"]} | set(
        (await session.execute(select(Customer.code))).scalars())
    sites = {s["id"]: s["customer"] for _, s in r["sites"]} | dict(
        (await session.execute(select(Site.id, Site.customer_code))).tuples().all())
    sites.update({s["id"]: s["customer"] for _, s in r["sites"]})
    equipment = dict((await session.execute(
        select(Equipment.id, Equipment.customer_code))).tuples().all())
    equipment.update({e["id"]: e["customer"] for _, e in r["equipment"]})
    technicians = {t["id"] for _, t in r["technicians"]} | set(
        (await session.execute(select(Technician.id))).scalars())
    incidents = {i["number"] for _, i in r["incidents"]} | {
        n for n in (await session.execute(select(Incident.reference))).scalars() if n}

    def need(row: Row, ok: bool, reason: str) -> None:
        if not ok:
            plan.problems.append(Problem(row.file, row.row, reason))

    for kind in ("sites", "contacts", "equipment", "contracts", "incidents"):
        for row, rec in r[kind]:
            need(row, rec["customer"] in customers, f"unknown customer '{rec['customer']}'")
    for kind in ("equipment", "incidents"):
        for row, rec in r[kind]:
            site = rec.get("site")
            need(row, site is None or sites.get(site) == rec["customer"],
                 f"site '{site}' is not a site of {rec['customer']}")
    for row, rec in r["contracts"]:
        for item in rec["equipment"]:
            need(row, equipment.get(item) == rec["customer"],
                 f"equipment '{item}' is not {rec['customer']}'s")
    for row, rec in r["incidents"]:
        item = rec["equipment"]
        need(row, item is None or equipment.get(item) == rec["customer"],
             f"equipment '{item}' is not {rec['customer']}'s")
        need(row, rec["technician_accepted"] is None or rec["technician"] is not None,
             "technician_accepted needs a technician")
    for kind in ("incidents", "visits"):
        for row, rec in r[kind]:
            tech = rec["technician"]
            need(row, tech is None or tech in technicians, f"unknown technician '{tech}'")
    for kind in ("history", "visits", "parts"):
        for row, rec in r[kind]:
            need(row, rec["incident"] in incidents, f"unknown incident '{rec['incident']}' "
                 "(not in incidents, not imported before)")
    for row, rec in r["visits"]:
        need(row, rec["ends_at"] > rec["starts_at"], "ends_at must be after starts_at")
