"""A report's *summary*: the counts it is computed from, as plain JSON (nested objects of
counts), collected from the detail rows of a period (`collect`) and turned into the report
by `finish`. Summaries of disjoint periods add up (`merge`): numbers add, objects merge key
by key, lists of counts add element by element. That is what lets the per-day rollups
(rollups.py) stand for the detail rows: a period's summary is the merge of its days'."""

from __future__ import annotations

from collections.abc import Iterable
from operator import add as _add
from typing import Any

Summary = dict[str, Any]
Pieces = dict[str, Summary]  # a summary per scope piece (scope.py `pieces`)


def merge(into: Summary, other: Summary, owned: bool = False) -> Summary:
    """Add `other` to `into` (changed in place and returned). `owned`: `other` is not used
    again, so its objects may become part of `into` without a copy."""
    get = into.get
    for key, value in other.items():
        mine = get(key)
        if mine is None:
            into[key] = value if owned else _copy(value)
        elif type(value) is dict:
            merge(mine, value, owned)
        elif type(value) is list:  # counts side by side (same length by construction)
            into[key] = list(map(_add, mine, value))
        else:
            into[key] = mine + value
    return into


def merged(summaries: Iterable[Summary], owned: bool = False) -> Summary:
    out: Summary = {}
    for s in summaries:
        if owned and not out:
            out = s
        else:
            merge(out, s, owned)
    return out


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return list(value) if isinstance(value, list) else value


def is_empty(summary: Any) -> bool:
    """No count anywhere (nothing happened that day)."""
    if isinstance(summary, dict):
        return all(is_empty(v) for v in summary.values())
    if isinstance(summary, list):
        return not any(summary)
    return not summary


def add(node: Summary, path: Iterable[str], value: int | list[int]) -> None:
    """Add a count (or a list of counts) at `path` of nested objects."""
    *parents, last = list(path)
    for name in parents:
        node = node.setdefault(name, {})
    merge(node, {last: value})


def piece(out: Pieces, row: Any) -> Summary:
    """The summary a row counts in (its `piece` column)."""
    return out.setdefault(row.piece, {})


def key(value: Any) -> str:
    """A grouping value as an object key (None as the empty string)."""
    return "" if value is None else str(value)


def unkey(text: str) -> str | None:
    return text or None
