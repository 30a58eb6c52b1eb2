"""Where the product's files are: the one module of the backend that locates them.

`ROOT` is the checkout (bot/, data/, tests/nlu/ live there), `DATA` its data/ folder (contracts,
price list, routing rules, maintenance plans, dedupe thresholds), `PAGES` the static pages the
backend serves (console/, admin/). Nothing else in backend/ uses `__file__`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
DATA = ROOT / "data"


def data_file(name: str) -> Path:
    """A file of data/ (e.g. ``data_file("routing_rules.yml")``)."""
    return DATA / name


def pages(name: str) -> Path:
    """A folder of static pages the backend serves (``console``, ``admin``)."""
    return PACKAGE / name


MIGRATIONS = PACKAGE / "migrations"
