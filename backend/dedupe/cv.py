"""k-fold cross-validation by case: learn on k-1 folds, score the held-out fold.

Everything learned — the weights, the L2 penalty and the merge/ask bands — comes from
the training folds only (`backend.dedupe.learn`, which chooses the penalty and bands on
inner folds of them); the held-out fold is replayed once. Figures are aggregated over
the k held-out folds, overall and by source file.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace

from backend.dedupe.cases import Case
from backend.dedupe.folds import folds, rest
from backend.dedupe.learn import Policy, TooFewCases, learn
from backend.dedupe.run import Collected, Evaluation, collect
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig


@dataclass(frozen=True)
class CrossValidation:
    overall: Evaluation
    by_file: dict[str, Evaluation]
    chosen: list[tuple[float, float, float]]  # (l2, merge, ask) chosen in each fold

    def as_dict(self) -> dict[str, object]:
        return {"overall": self.overall.as_dict(),
                "by_file": {k: v.as_dict() for k, v in self.by_file.items()},
                "chosen": [{"l2": l2, "merge": m, "ask": a} for l2, m, a in self.chosen]}


def cross_validate(cases: Sequence[Case], config: DedupeConfig, k: int, policy: Policy
                   ) -> CrossValidation:
    if k < 2 or len(cases) < 2 * k:
        raise TooFewCases(f"{k}-fold cross-validation needs k ≥ 2 and at least {2 * k} cases "
                          f"({len(cases)} read)")
    parts = folds(cases, k)
    total, by_file = Collected(), dict[str, Collected]()
    chosen = []
    for held in range(k):
        model = learn(rest(parts, held), config, policy)
        chosen.append((float(model.meta["l2"]), model.merge, model.ask))
        trial = replace(config, model=model)
        for source in sorted({c.source for c in parts[held]}):
            mine = [c for c in parts[held] if c.source == source]
            got = asyncio.run(collect(mine, InMemorySink(trial)))
            total.extend(got)
            by_file.setdefault(source, Collected()).extend(got)
    return CrossValidation(total.evaluation(),
                           {k: v.evaluation() for k, v in sorted(by_file.items())}, chosen)
