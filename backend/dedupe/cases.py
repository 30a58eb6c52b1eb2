"""Labelled duplicate cases read from JSON lines (one case per line)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from backend.domain.dedupe import Machine


@dataclass(frozen=True)
class CaseReport:
    rid: str
    channel: str
    at: datetime
    sender: str
    text: str
    serial: str | None
    truth: str
    after_resolved: bool = False


@dataclass(frozen=True)
class Case:
    case: str
    customer: str
    machines: tuple[Machine, ...]
    reports: tuple[CaseReport, ...]  # in time order
    split: str | None = None


def parse_time(text: str) -> datetime:
    """ISO 8601; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _report(raw: dict[str, Any]) -> CaseReport:
    return CaseReport(
        rid=str(raw["rid"]),
        channel=str(raw.get("channel", "")),
        at=parse_time(str(raw["at"])),
        sender=str(raw.get("sender") or ""),
        text=str(raw.get("text") or ""),
        serial=raw.get("serial_mentioned") or None,
        truth=str(raw["truth_incident"]),
        after_resolved=bool(raw.get("after_resolved", False)),
    )


def _machine(raw: dict[str, Any]) -> Machine:
    label = " ".join(str(raw[k]) for k in ("type", "family", "model", "description") if raw.get(k))
    return Machine(
        id=str(raw["id"]),
        label=label,
        serial=raw.get("serial") or None,
        site=raw.get("site") or None,
    )


def parse_case(raw: dict[str, Any]) -> Case:
    reports = sorted((_report(r) for r in raw.get("reports", [])), key=lambda r: r.at)
    return Case(
        case=str(raw["case"]),
        customer=str(raw["customer"]),
        machines=tuple(_machine(m) for m in raw.get("equipment", [])),
        reports=tuple(reports),
        split=raw.get("split"),
    )


def load_cases(path: Path, split: str = "all") -> list[Case]:
    """Cases of `path`; `split` "tune" or "test" keeps only those (cases without a split
    key count as test), "all" keeps every case."""
    cases = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = parse_case(json.loads(line))
        except (KeyError, ValueError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a valid case ({error})") from error
        if split == "all" or (case.split or "test") == split:
            cases.append(case)
    return cases
