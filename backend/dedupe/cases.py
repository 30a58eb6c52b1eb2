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
    source: str = ""  # the file it was read from (its name)
    line: int = 0


@dataclass(frozen=True)
class CaseError:
    """A case that could not be read or run, with why."""

    source: str
    line: int
    case: str  # its "case" value, or "?" when it has none
    error: str


class MissingField(KeyError):
    def __str__(self) -> str:
        return f"missing field {self.args[0]!r}"


def _need(raw: dict[str, Any], key: str, where: str) -> Any:
    value = raw.get(key)
    if value is None or value == "":
        raise MissingField(f"{where}{key}")
    return value


def parse_time(text: str) -> datetime:
    """ISO 8601; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _report(raw: dict[str, Any], n: int) -> CaseReport:
    if not isinstance(raw, dict):
        raise TypeError(f"reports[{n}] is not an object")
    where = f"reports[{n}]."
    serial = raw.get("serial_mentioned")
    return CaseReport(
        rid=str(_need(raw, "rid", where)),
        channel=str(raw.get("channel") or ""),
        at=parse_time(str(_need(raw, "at", where))),
        sender=str(raw.get("sender") or ""),
        text=str(_need(raw, "text", where)),
        serial=str(serial) if serial else None,
        truth=str(_need(raw, "truth_incident", where)),
        after_resolved=bool(raw.get("after_resolved", False)),
    )


def _machine(raw: dict[str, Any], n: int) -> Machine:
    if not isinstance(raw, dict):
        raise TypeError(f"equipment[{n}] is not an object")
    label = " ".join(str(raw[k]) for k in ("type", "family", "model", "description") if raw.get(k))
    return Machine(
        id=str(_need(raw, "id", f"equipment[{n}].")),
        label=label,
        serial=str(raw["serial"]) if raw.get("serial") else None,
        site=str(raw["site"]) if raw.get("site") else None,
    )


def parse_case(raw: dict[str, Any], source: str = "", line: int = 0) -> Case:
    if not isinstance(raw, dict):
        raise TypeError("a case is a JSON object")
    listed = _need(raw, "reports", "")
    if not isinstance(listed, list):
        raise TypeError("reports is not a list")
    reports = sorted((_report(r, n) for n, r in enumerate(listed)), key=lambda r: r.at)
    rids = [r.rid for r in reports]
    if len(set(rids)) != len(rids):
        raise ValueError("two reports share a rid")
    return Case(
        case=str(_need(raw, "case", "")),
        customer=str(_need(raw, "customer", "")),
        machines=tuple(_machine(m, n) for n, m in enumerate(raw.get("equipment") or [])),
        reports=tuple(reports),
        split=raw.get("split"),
        source=source,
        line=line,
    )


def read_cases(path: Path, split: str = "all") -> tuple[list[Case], list[CaseError]]:
    """Like `load_cases`, but a line that is not a valid case becomes a `CaseError`
    (with its line number and the reason) instead of stopping the reading."""
    cases, errors = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        name = "?"
        try:
            raw = json.loads(line)
            if isinstance(raw, dict) and raw.get("case"):
                name = str(raw["case"])
            case = parse_case(raw, path.name, number)
        except (KeyError, ValueError, TypeError) as error:
            errors.append(CaseError(path.name, number, name, str(error)))
            continue
        if split == "all" or (case.split or "test") == split:
            cases.append(case)
    return cases, errors


def load_cases(path: Path, split: str = "all") -> list[Case]:
    """Cases of `path`; `split` "tune" or "test" keeps only those (cases without a split
    key count as test), "all" keeps every case."""
    cases, errors = read_cases(path, split)
    if errors:
        first = errors[0]
        raise ValueError(f"{path}:{first.line}: not a valid case ({first.error})")
    return cases
