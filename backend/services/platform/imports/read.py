"""Files → rows: ``<kind>.csv`` (a header row, one row per line), ``<kind>.json`` (a list)
or any ``.json`` holding an object of kinds (``{"customers": [...], "visits": [...]}``).
A row keeps its file and its number (CSV: the line, the header being 1; JSON: 1-based)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from backend.services.platform.imports.specs import KINDS


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "reason": self.reason}

    def __str__(self) -> str:
        return f"{self.file}" + (f" row {self.row}" if self.row else "") + f": {self.reason}"


@dataclass(frozen=True)
class Row:
    file: str
    row: int
    raw: dict[str, Any]


@dataclass
class Rows:
    by_kind: dict[str, list[Row]] = field(default_factory=lambda: {k: [] for k in KINDS})
    problems: list[Problem] = field(default_factory=list)


def read_paths(paths: list[Path]) -> Rows:
    """Every file named (a folder: its .csv and .json files, by name)."""
    rows = Rows()
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in (".csv", ".json"))
        elif path.exists():
            files.append(path)
        else:
            rows.problems.append(Problem(str(path), None, "file not found"))
    for file in files:
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            rows.problems.append(Problem(file.name, None, f"cannot be read as UTF-8 text: {exc}"))
            continue
        read_text(rows, file.name, text)
    if not files and not rows.problems:
        rows.problems.append(Problem("-", None, "no .csv or .json file to import"))
    return rows


def read_text(rows: Rows, name: str, text: str) -> None:
    stem, _, suffix = name.rpartition(".")
    if suffix.lower() == "csv":
        if stem not in KINDS:
            rows.problems.append(Problem(name, None, _unknown_kind(stem)))
        else:
            _csv(rows, name, stem, text)
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        rows.problems.append(Problem(name, exc.lineno, f"not valid JSON: {exc.msg}"))
        return
    read_document(rows, name, document if not isinstance(document, list) else {stem: document})


def read_document(rows: Rows, name: str, document: Any) -> None:
    """A JSON object of kinds (the API's body, or a file)."""
    if not isinstance(document, dict):
        rows.problems.append(Problem(name, None, "expected an object of lists by kind"))
        return
    for kind, items in document.items():
        if kind not in KINDS:
            rows.problems.append(Problem(name, None, _unknown_kind(kind)))
        elif not isinstance(items, list):
            rows.problems.append(Problem(name, None, f"'{kind}' must be a list"))
        else:
            for n, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    rows.by_kind[kind].append(Row(f"{name} {kind}", n, item))
                else:
                    rows.problems.append(Problem(f"{name} {kind}", n, "expected an object"))


def _csv(rows: Rows, name: str, kind: str, text: str) -> None:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            if None in record:
                rows.problems.append(Problem(name, reader.line_num, "more cells than columns"))
                continue
            raw = {k.strip(): (v.strip() if v and v.strip() else None)
                   for k, v in record.items() if k}
            if any(v is not None for v in raw.values()):
                rows.by_kind[kind].append(Row(name, reader.line_num, raw))
    except csv.Error as exc:
        rows.problems.append(Problem(name, reader.line_num, f"not valid CSV: {exc}"))


def _unknown_kind(kind: str) -> str:
    return f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})"
