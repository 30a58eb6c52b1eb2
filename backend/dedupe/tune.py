"""`python -m backend.dedupe.tune FILE.jsonl [--split tune] [--write data/dedupe.yml]`

1. Measures each rapidfuzz text scorer on the split's report pairs (ROC AUC of the
   text feature alone: same incident vs. different) and by the full evaluation.
2. Grid-searches weights and thresholds with the best scorer, keeping the share of
   asked reports at or under --max-ask, maximising automatic + answered pairwise F1.
Only ever run it on the tune split; report the test split with `evaluate`.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import yaml
from tqdm import tqdm

from backend.dedupe.cases import Case, load_cases
from backend.dedupe.run import Evaluation, evaluate
from backend.dedupe.sink import InMemorySink
from backend.domain.dedupe import DedupeConfig, Weights
from backend.domain.dedupe.profile import profile_text
from backend.domain.dedupe.scoring import TEXT_SCORERS
from backend.services.dedupe.config import DEFAULT_PATH, config_to_dict, load_config

WEIGHT_GRID = {
    "text": (2.0, 3.0, 4.0),
    "symptom": (1.0, 2.0, 3.0),
    "equipment": (1.0, 2.0),
    "cue": (0.5, 1.0, 2.0),
    "time": (0.5, 1.0),
    "sender": (0.0, 1.0),
}
MERGE_GRID = (0.60, 0.64, 0.68, 0.72)
ASK_GAPS = (0.06, 0.10)


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties half)."""
    if not positives or not negatives:
        return 0.5
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def scorer_auc(cases: Sequence[Case], scorer: str) -> float:
    score = TEXT_SCORERS[scorer]
    pos: list[float] = []
    neg: list[float] = []
    for case in cases:
        for a, b in itertools.combinations(case.reports, 2):
            value = score(profile_text(a.text).words, profile_text(b.text).words)
            (pos if a.truth == b.truth else neg).append(value)
    return auc(pos, neg)


def objective(result: Evaluation, max_ask: float) -> float:
    if result.automatic.ask_share > max_ask:
        return -1.0
    return (
        result.automatic.pairwise.f1
        + result.answered.pairwise.f1
        - 0.1 * result.automatic.ask_share
    )


def run(cases: Sequence[Case], config: DedupeConfig) -> Evaluation:
    return asyncio.run(evaluate(cases, InMemorySink(config)))


def _grid(base: DedupeConfig) -> Iterator[DedupeConfig]:
    names = list(WEIGHT_GRID)
    for values in itertools.product(*WEIGHT_GRID.values()):
        weights = replace(base.weights, **dict(zip(names, values, strict=True)))
        for merge, gap in itertools.product(MERGE_GRID, ASK_GAPS):
            yield replace(base, weights=weights, merge_threshold=merge, ask_threshold=merge - gap)


def _refine(best: DedupeConfig) -> Iterator[DedupeConfig]:
    for dm, gap in itertools.product(
        (-0.02, -0.01, 0.0, 0.01, 0.02), (0.04, 0.06, 0.08, 0.10, 0.12)
    ):
        merge = round(best.merge_threshold + dm, 3)
        yield replace(best, merge_threshold=merge, ask_threshold=round(merge - gap, 3))


def search(
    cases: Sequence[Case], base: DedupeConfig, max_ask: float
) -> tuple[DedupeConfig, Evaluation]:
    best, best_result = base, run(cases, base)
    for stage in (list(_grid(base)), None):
        candidates = stage if stage is not None else list(_refine(best))
        for config in tqdm(candidates, desc="grid" if stage else "refine", leave=False):
            result = run(cases, config)
            if objective(result, max_ask) > objective(best_result, max_ask):
                best, best_result = config, result
    return best, best_result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m backend.dedupe.tune", description=__doc__)
    parser.add_argument("file", type=Path)
    parser.add_argument("--split", choices=("tune", "all"), default="tune")
    parser.add_argument("--config", type=Path, default=DEFAULT_PATH, help="starting point")
    parser.add_argument(
        "--max-ask", type=float, default=0.12, help="largest share of asked reports"
    )
    parser.add_argument("--write", type=Path, help="write the best configuration here (YAML)")
    args = parser.parse_args(argv)
    cases = load_cases(args.file, args.split)
    base = load_config(args.config, learned=False)  # tunes the weighted mean, not the model
    print("text scorer        AUC(text alone)  auto F1  answered F1  asked")
    ranking = []
    for name in TEXT_SCORERS:
        result = run(cases, replace(base, text_scorer=name))
        ranking.append((objective(result, args.max_ask), name))
        print(
            f"{name:<24} {scorer_auc(cases, name):.3f}   {result.automatic.pairwise.f1:.3f}"
            f"    {result.answered.pairwise.f1:.3f}     {result.automatic.ask_share:.1%}"
        )
    scorer = max(ranking)[1]
    best, result = search(
        cases,
        replace(base, text_scorer=scorer, weights=Weights(**base.weights.as_dict())),
        args.max_ask,
    )
    print(f"best: {config_to_dict(best)}")
    print(
        f"tune: automatic F1 {result.automatic.pairwise.f1:.3f}, answered F1 "
        f"{result.answered.pairwise.f1:.3f}, asked {result.automatic.ask_share:.1%}"
    )
    if args.write:
        header = (
            "# Tuned by `python -m backend.dedupe.tune` on the tune split; "
            "edit by hand or re-tune.\n"
        )
        kept = yaml.safe_load(args.config.read_text(encoding="utf-8")) or {}
        model = {"model_file": kept["model_file"]} if kept.get("model_file") else {}
        args.write.write_text(
            header + yaml.safe_dump({**model, **config_to_dict(best)}, sort_keys=False),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
