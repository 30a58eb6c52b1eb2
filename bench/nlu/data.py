"""Loading CLINC150 and BANKING77 from ../shared/benchmarks (or AVISA_BENCHMARKS) and
optionally subsampling the training sets deterministically (`--clinc-per-intent N`; the
default, 0, trains on the full published training sets)."""

from __future__ import annotations

import csv
import json
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

Pairs = list[tuple[str, str]]
OOS = "oos"


@dataclass(frozen=True)
class Dataset:
    name: str
    train: Pairs
    val: Pairs  # in-scope validation (CLINC150 only)
    test: Pairs
    oos_val: list[str]
    oos_test: list[str]
    train_full: int  # size of the published training set before subsampling


def subsample(pairs: Pairs, per_intent: int, seed: int = 13) -> Pairs:
    """At most `per_intent` examples of each intent (all of them when per_intent <= 0)."""
    if per_intent <= 0:
        return list(pairs)
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent in pairs:
        by_intent[intent].append(text)
    rng = random.Random(seed)
    out: Pairs = []
    for intent in sorted(by_intent):
        texts = by_intent[intent]
        rng.shuffle(texts)
        out.extend((t, intent) for t in texts[:per_intent])
    return out


def clinc150(root: Path, per_intent: int) -> Dataset:
    raw = json.loads((root / "clinc150" / "data_full.json").read_text(encoding="utf-8"))
    train = [(t, i) for t, i in raw["train"]]
    return Dataset("CLINC150", subsample(train, per_intent), [(t, i) for t, i in raw["val"]],
                   [(t, i) for t, i in raw["test"]], [t for t, _ in raw["oos_val"]],
                   [t for t, _ in raw["oos_test"]], len(train))


def _csv(path: Path) -> Pairs:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row["text"], row["category"]) for row in csv.DictReader(handle)]


def banking77(root: Path, per_intent: int) -> Dataset:
    train = _csv(root / "banking77" / "train.csv")
    return Dataset("BANKING77", subsample(train, per_intent), [],
                   _csv(root / "banking77" / "test.csv"), [], [], len(train))


def rasa_yaml(pairs: Pairs) -> str:
    """Rasa 3 NLU training data; the texts are quoted as YAML block items."""
    by_intent: dict[str, list[str]] = defaultdict(list)
    for text, intent in pairs:
        by_intent[intent].append(" ".join(text.split()))
    lines = ['version: "3.1"', "nlu:"]
    for intent in sorted(by_intent):
        lines += [f"- intent: {intent}", "  examples: |"]
        lines += [f"    - {t}" for t in by_intent[intent] if t]
    return "\n".join(lines) + "\n"
