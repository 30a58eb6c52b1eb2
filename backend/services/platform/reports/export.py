"""A report as CSV: one row per figure, the first column naming the table it belongs to
(`by_customer.response`, `heat_map.cells`…), then the union of the tables' columns. What is in
the JSON is in the CSV, nothing more: personal data only when the JSON has it."""

from __future__ import annotations

import csv
import io
from typing import Any

SKIP = ("report", "filters")


def _rows(path: str, value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        scalars = {k: v for k, v in value.items() if not isinstance(v, dict | list)}
        rows = [{"table": path, **scalars}] if scalars else []
        for key, inner in value.items():
            if isinstance(inner, dict | list):
                rows += _rows(f"{path}.{key}" if path else key, inner)
        return rows
    if isinstance(value, list):
        rows = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                rows += _rows(path, item)
            elif isinstance(item, list):  # a matrix (the heat map): one row per line
                rows.append({"table": path, "row": i,
                             **{f"c{j}": cell for j, cell in enumerate(item)}})
            else:
                rows.append({"table": path, "value": item})
        return rows
    return [{"table": path, "value": value}]


def to_csv(body: dict[str, Any]) -> str:
    """A list (incidents, conversations) is one row per item; a report one row per figure."""
    if "items" in body:
        rows: list[dict[str, Any]] = body["items"]
        columns: dict[str, None] = {}
    else:
        rows = _rows("", {k: v for k, v in body.items() if k not in SKIP})
        columns = {"table": None}
    for row in rows:
        columns.update(dict.fromkeys(row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
