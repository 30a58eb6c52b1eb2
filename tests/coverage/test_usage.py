"""Contract years, over which usage (hours, visits) is counted against the allowance."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.domain.coverage import contract_year


@pytest.mark.parametrize(("start", "on", "first", "last"), [
    ("2025-01-01", "2026-03-10", "2026-01-01", "2026-12-31"),
    ("2025-07-15", "2026-07-14", "2025-07-15", "2026-07-14"),
    ("2025-07-15", "2026-07-15", "2026-07-15", "2027-07-14"),
    ("2024-02-29", "2025-03-01", "2025-02-28", "2026-02-27"),
    ("2024-02-29", "2025-02-28", "2025-02-28", "2026-02-27"),
    ("2024-02-29", "2025-02-27", "2024-02-29", "2025-02-27"),
    ("2025-07-15", "2025-01-01", "2025-07-15", "2026-07-14"),
])
def test_contract_year(start: str, on: str, first: str, last: str) -> None:
    found = contract_year(date.fromisoformat(start), date.fromisoformat(on))
    assert found == (date.fromisoformat(first), date.fromisoformat(last))
    if on >= start:
        assert found[0] <= date.fromisoformat(on) <= found[1]


@settings(max_examples=80, deadline=None)
@given(start=st.dates(date(2020, 1, 1), date(2030, 12, 31)), days=st.integers(0, 4000))
def test_every_day_after_the_start_falls_in_one_contract_year(start: date, days: int) -> None:
    on = start + timedelta(days=days)
    first, last = contract_year(start, on)
    assert first <= on <= last
    assert contract_year(start, last + timedelta(days=1))[0] == last + timedelta(days=1)
