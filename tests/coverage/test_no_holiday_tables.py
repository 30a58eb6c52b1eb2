"""No module under backend/ may carry a holiday table: public holidays come from the `holidays`
package and company closing days from data/calendars.yml. Fails on a collection of three or
more date literals — `date(2027, 1, 6)`, "2027-01-06", (1, 6) month-day pairs — in one file."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2] / "backend"
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LIMIT = 3  # a date or two (an example in a docstring, an epoch) is not a table


def _is_date_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):  # date(2027, 1, 6) / datetime.date(...)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        return name == "date" and len(node.args) == 3 and all(
            isinstance(a, ast.Constant) and isinstance(a.value, int) for a in node.args)
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(ISO.match(node.value))
    return False


def date_literals(source: str) -> list[str]:
    """Date literals inside collections (list/tuple/set/dict) of a module's source."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.List | ast.Tuple | ast.Set):
            items = list(node.elts)
        elif isinstance(node, ast.Dict):
            items = [k for k in node.keys if k is not None] + list(node.values)
        else:
            continue
        found += [ast.unparse(item) for item in items if _is_date_literal(item)]
    return found


def month_day_pairs(source: str) -> list[str]:
    """(month, day) tuples in a collection named like a holiday table."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            target = ast.unparse(node.targets[0] if isinstance(node, ast.Assign) else node.target)
            if "holiday" in target.lower() and node.value is not None:
                found += [ast.unparse(n) for n in ast.walk(node.value)
                          if isinstance(n, ast.Tuple) and len(n.elts) == 2
                          and all(isinstance(e, ast.Constant) and isinstance(e.value, int)
                                  for e in n.elts)]
    return found


def test_the_scanner_finds_the_old_table() -> None:
    old = ('_ES = (("2026-01-01", "Año Nuevo"), ("2026-01-06", "Epifanía"),\n'
           '       ("2026-04-03", "Viernes Santo"))\n'
           'DAYS = [date(2027, 1, 1), date(2027, 1, 6), date(2027, 3, 26)]\n'
           'FIXED_HOLIDAYS = {(1, 1), (1, 6), (12, 25)}\n')
    assert len(date_literals(old)) == 6
    assert len(month_day_pairs(old)) == 3
    assert date_literals("WHEN = [date(2027, 1, 1)]\n") == ["date(2027, 1, 1)"]


@pytest.mark.parametrize("path", sorted(BACKEND.rglob("*.py")),
                         ids=lambda p: str(p.relative_to(BACKEND)))
def test_no_holiday_table_in(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    dates, pairs = date_literals(source), month_day_pairs(source)
    assert len(dates) < LIMIT, f"date table in {path.name}: {dates[:6]}"
    assert not pairs, f"month-day holiday table in {path.name}: {pairs[:6]}"
