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


def _text(raw: dict[str, Any], key: str, where: str, required: bool = True) -> str | None:
    """A text field (a number is read as its digits: a serial typed as 50331); an
    object, a list or a yes/no is refused with the field's name."""
    value = _need(raw, key, where) if required else raw.get(key)
    if value is None or value == "" or value == [] or value == {}:
        return None  # an empty value is a missing one
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise TypeError(f"{where}{key} is not a text: {value!r}")
    return str(value)


def parse_time(text: str) -> datetime:
    """ISO 8601; a time without zone is taken as UTC."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _time(raw: dict[str, Any], where: str) -> datetime:
    text = _text(raw, "at", where)
    try:
        return parse_time(str(text))
    except ValueError:
        raise ValueError(f"{where}at is not an ISO 8601 time: {text!r}") from None


def _flag(raw: dict[str, Any], key: str, where: str) -> bool:
    value = raw.get(key, False)
    if value is None or isinstance(value, bool) or value in (0, 1):
        return bool(value)
    raise TypeError(f"{where}{key} is not true or false: {value!r}")


def _listed(raw: dict[str, Any], key: str, required: bool) -> list[Any]:
    value = _need(raw, key, "") if required else (raw.get(key) or [])
    if not isinstance(value, list):
        raise TypeError(f"{key} is not a list")
    return value


def _report(raw: dict[str, Any], n: int) -> CaseReport:
    if not isinstance(raw, dict):
        raise TypeError(f"reports[{n}] is not an object")
    where = f"reports[{n}]."
    return CaseReport(
        rid=str(_text(raw, "rid", where)),
        channel=_text(raw, "channel", where, required=False) or "",
        at=_time(raw, where),
        sender=_text(raw, "sender", where, required=False) or "",
        text=str(_text(raw, "text", where)),
        serial=_text(raw, "serial_mentioned", where, required=False),
        truth=str(_text(raw, "truth_incident", where)),
        after_resolved=_flag(raw, "after_resolved", where),
    )


def _machine(raw: dict[str, Any], n: int) -> Machine:
    if not isinstance(raw, dict):
        raise TypeError(f"equipment[{n}] is not an object")
    where = f"equipment[{n}]."
    words = (_text(raw, k, where, required=False) for k in ("type", "family", "model",
                                                             "description"))
    return Machine(
        id=str(_text(raw, "id", where)),
        label=" ".join(w for w in words if w),
        serial=_text(raw, "serial", where, required=False),
        site=_text(raw, "site", where, required=False),
    )


def parse_case(raw: dict[str, Any], source: str = "", line: int = 0) -> Case:
    if not isinstance(raw, dict):
        raise TypeError("a case is a JSON object")
    reports = sorted((_report(r, n) for n, r in enumerate(_listed(raw, "reports", True))),
                     key=lambda r: r.at)
    rids = [r.rid for r in reports]
    if len(set(rids)) != len(rids):
        raise ValueError("two reports share a rid")
    machines = tuple(_machine(m, n) for n, m in enumerate(_listed(raw, "equipment", False)))
    if len({m.id for m in machines}) != len(machines):
        raise ValueError("two machines share an id")
    return Case(
        case=str(_text(raw, "case", "")),
        customer=str(_text(raw, "customer", "")),
        machines=machines,
        reports=tuple(reports),
        split=raw.get("split"),
        source=source,
        line=line,
    )


def read_cases(path: Path, split: str = "all") -> tuple[list[Case], list[CaseError]]:
    """Like `load_cases`, but a line that is not a valid case becomes a `CaseError`
    (with its line number and the reason) instead of stopping the reading."""
    cases: list[Case] = []
    errors: list[CaseError] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else str(error)
        return [], [CaseError(path.name, 0, "?", f"cannot read the file: {reason}")]
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        name = "?"
        try:
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"not JSON: {error}") from None
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
