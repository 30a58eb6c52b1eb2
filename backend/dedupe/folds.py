"""Splitting labelled cases into k folds by case (every report of a case in one fold)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from backend.dedupe.cases import Case


def folds(cases: Sequence[Case], k: int, seed: int = 14) -> list[list[Case]]:
    """k folds of about equal size, cases shuffled by a fixed seed."""
    order = sorted(cases, key=lambda c: c.case)
    random.Random(seed).shuffle(order)
    return [order[i::k] for i in range(k)]


def rest(all_folds: Sequence[Sequence[Case]], held: int) -> list[Case]:
    return [c for i, fold in enumerate(all_folds) if i != held for c in fold]
