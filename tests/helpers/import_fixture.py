"""The Ebro import fixture (tests/fixtures/import/ebro): a company's CSV files, and the
same rows as the JSON document POST /api/admin/import takes."""

from __future__ import annotations

import csv
from pathlib import Path

EBRO = Path(__file__).resolve().parents[1] / "fixtures" / "import" / "ebro"


def ebro_document() -> dict[str, list[dict[str, str]]]:
    """Every CSV file as a list of rows by kind, empty cells left out."""
    document: dict[str, list[dict[str, str]]] = {}
    for path in sorted(EBRO.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            document[path.stem] = [{k: v for k, v in r.items() if v} for r in csv.DictReader(f)]
    return document
