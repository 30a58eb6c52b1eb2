"""Learning the scorer from labelled cases: weights by logistic regression on pairs,
then the regression's L2 penalty and the merge/ask bands chosen for precision first.

The penalty and the bands are chosen on the training cases only, and not on pairs the
weights were fitted on: the training cases are split again (inner folds); each inner
fold is replayed through the domain with weights fitted (at each penalty of
`L2_GRID`) on the other inner folds, and the (penalty, merge, ask) kept is the one
with the best F1 whose pairwise precision (automatic and answered) reaches
`precision` and whose asks stay within `max_ask`. Under `evaluate --cv` this is
nested cross-validation: nothing is chosen on the fold that is scored.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, replace

from backend.dedupe.cases import Case
from backend.dedupe.folds import folds, rest
from backend.dedupe.logreg import fit
from backend.dedupe.metrics import pairwise
from backend.dedupe.pairs import training_pairs
from backend.dedupe.run import Clustering, run_case
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig
from backend.domain.dedupe.features import FEATURES
from backend.domain.dedupe.learned import ScoringModel

MERGE_GRID = (0.65, 0.7, 0.75, 0.8, 0.85, 0.9)
ASK_GRID = (0.15, 0.2, 0.3, 0.4, 0.5)
L2_GRID = (0.3, 1.0, 3.0)


@dataclass(frozen=True)
class Policy:
    """What the bands are chosen for."""

    precision: float = 0.97  # pairwise precision to reach, automatic and answered
    max_ask: float = 0.14  # largest share of reports asked about (acceptance: 15 %)
    l2: tuple[float, ...] = L2_GRID  # penalties to choose from (inner folds); one = fixed
    inner_folds: int = 4


class TooFewCases(ValueError):
    """Nothing to learn from: no report of the cases has an open incident to compare with."""


def fit_weights(cases: Sequence[Case], config: DedupeConfig, l2: float) -> ScoringModel:
    pairs = training_pairs(cases, config)
    if not pairs:
        raise TooFewCases(f"nothing to learn from in {len(cases)} case(s): no report has an "
                          "earlier open incident of its case to compare with")
    rows = [[p.features[n] for n in FEATURES] for p in pairs]
    labels = [int(p.same) for p in pairs]
    bias, weights = fit(rows, labels, l2)
    meta = {"pairs": len(pairs), "positive_pairs": sum(labels), "cases": len(cases)}
    return ScoringModel(dict(zip(FEATURES, (round(w, 5) for w in weights), strict=True)),
                        round(bias, 5), 1.0, 1.0, meta)


@dataclass
class _Tally:
    automatic: list[Clustering]
    answered: list[Clustering]
    asks: int = 0
    reports: int = 0


async def _replay(cases: Sequence[Case], config: DedupeConfig, tally: _Tally) -> None:
    sink = InMemorySink(config)
    for case in cases:
        auto, asks = await run_case(case, sink, answered=False)
        both, _ = await run_case(case, sink, answered=True)
        tally.automatic.append(auto)
        tally.answered.append(both)
        tally.asks += asks
        tally.reports += len(case.reports)


def add_policy_arguments(parser: argparse.ArgumentParser) -> None:
    """The command-line options of a `Policy` (train and evaluate --cv)."""
    parser.add_argument("--precision", type=float, default=Policy.precision,
                        help="pairwise precision the bands must reach on the inner folds")
    parser.add_argument("--max-ask", type=float, default=Policy.max_ask,
                        help="largest share of reports asked about on the inner folds")
    parser.add_argument("--l2", type=float, nargs="+", default=list(L2_GRID),
                        help="L2 penalties of the regression to choose from on the inner "
                             "folds (one value fixes it)")


def policy_from(args: argparse.Namespace) -> Policy:
    return Policy(args.precision, args.max_ask, tuple(args.l2))


Choice = tuple[float, float, float]  # (l2, merge, ask)


def _choices(policy: Policy) -> list[Choice]:
    return [(l2, m, a) for l2 in policy.l2 for m in MERGE_GRID for a in ASK_GRID if a <= m]


def choose(cases: Sequence[Case], config: DedupeConfig, policy: Policy
           ) -> tuple[Choice, dict[str, float]]:
    """The (penalty, merge band, ask band) that does best on inner folds of `cases`."""
    tallies = {choice: _Tally([], []) for choice in _choices(policy)}
    inner = folds(cases, policy.inner_folds, seed=41)
    for held in range(len(inner)):
        for l2 in policy.l2:
            model = fit_weights(rest(inner, held), config, l2)
            for (penalty, merge, ask), tally in tallies.items():
                if penalty == l2:
                    trial = replace(config, model=replace(model, merge=merge, ask=ask))
                    asyncio.run(_replay(inner[held], trial, tally))
    best: tuple[float, ...] | None = None
    chosen: Choice | None = None
    figures: dict[str, float] = {}
    for (l2, merge, ask), t in tallies.items():
        auto, both = pairwise(t.automatic), pairwise(t.answered)
        share = t.asks / t.reports if t.reports else 0.0
        precision = min(auto.precision, both.precision)
        # asks within the cap first; then the precision target; then F1 (else precision)
        met = precision >= policy.precision
        # ties: the higher bands, then the stronger penalty (the simpler model)
        key = (float(share <= policy.max_ask), float(met),
               auto.f1 + both.f1 if met else precision, merge, ask, l2)
        if best is None or key > best:
            best, chosen = key, (l2, merge, ask)
            figures = {"inner_auto_precision": auto.precision, "inner_auto_f1": auto.f1,
                       "inner_answered_f1": both.f1, "inner_asked": share,
                       "met_policy": float(met and share <= policy.max_ask)}
    assert chosen is not None
    return chosen, figures


def learn(cases: Sequence[Case], config: DedupeConfig, policy: Policy) -> ScoringModel:
    """Penalty and bands from inner folds of `cases`; then weights fitted on all of them
    at that penalty."""
    (l2, merge, ask), figures = choose(cases, config, policy)
    model = fit_weights(cases, config, l2)
    meta = {**model.meta, **{k: round(v, 4) for k, v in figures.items()},
            "precision_target": policy.precision, "max_ask": policy.max_ask, "l2": l2,
            "l2_grid": list(policy.l2)}
    return replace(model, merge=merge, ask=ask, meta=meta)
