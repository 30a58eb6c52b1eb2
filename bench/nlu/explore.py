"""Fast iteration on the product's intent model outside Rasa: fits
:class:`components.intent_model.IntentModel` variants on a benchmark's training split and
scores them on its VALIDATION split (CLINC150's published one; for BANKING77, which has
none, a stratified 15 % of the training set, the model trained on the other 85 %). The test
split is read only with `--confirm`, to check a choice once. Runs in .venv/bot from the repo
root, seconds to minutes per variant:

    .venv/bot/bin/python -m bench.nlu.explore clinc150 "svc_c=0.5" "char_ngrams=1,5 svc_c=0.5"

Each variant is a space-separated list of Settings fields (`word_ngrams=1,3`,
`char_ngrams=2,5`, `svc_c=1.0`, `lr_c=20`, `members=svc,lr`, `calibration_folds=3`,
`embedding=use|none`, `embedding_share=0.35`, `embedding_c=1.0`); the empty string is the
defaults. Printed per variant: accuracy, and for CLINC150 the in-scope accuracy when the top
confidence must reach the t whose validation out-of-scope recall is >= 50 % at 95 %
confidence (the acceptance's operating point, as bench/nlu/metrics.py) — on validation t is
chosen and scored on the same texts, so compare variants with it, and read the honest figure
from `make bench-nlu`.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench.nlu import data
from bench.nlu.metrics import (
    CONFIDENCE_Z,
    Scored,
    accuracy,
    oos_figures,
    threshold_for_recall,
)

ROOT = Path(__file__).resolve().parents[2]
VAL_SHARE = 0.15


@dataclasses.dataclass(frozen=True)
class Split:
    train: data.Pairs
    score: data.Pairs  # validation (or test with --confirm)
    oos: list[str]  # out-of-scope texts of the same split (CLINC150 only)


def held_out(pairs: data.Pairs, share: float = VAL_SHARE, seed: int = 0
             ) -> tuple[data.Pairs, data.Pairs]:
    """(train, validation): a stratified `share` of each intent's examples, fixed seed."""
    from sklearn.model_selection import train_test_split

    train, val = train_test_split(pairs, test_size=share, random_state=seed,
                                  stratify=[i for _, i in pairs])
    return list(train), list(val)


def split(name: str, confirm: bool) -> Split:
    default = ROOT.parent / "shared" / "benchmarks"
    root = Path(os.environ.get("AVISA_BENCHMARKS", str(default)))
    if name == "clinc150":
        ds = data.clinc150(root, 0)
        if confirm:
            return Split(ds.train, ds.test, ds.oos_test)
        return Split(ds.train, ds.val, ds.oos_val)
    ds = data.banking77(root, 0)
    if confirm:
        return Split(ds.train, ds.test, [])
    train, val = held_out(ds.train)
    return Split(train, val, [])


def settings(spec: str) -> Any:
    """Settings from "field=value field=value" (tuples comma-separated)."""
    from components.intent_model import Settings

    fields = {f.name: f for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}
    for item in spec.split():
        key, _, raw = item.partition("=")
        if key not in fields or not raw:
            raise SystemExit(f"bad setting {item!r}: one of {', '.join(fields)} with =value")
        default = getattr(Settings(), key)
        if isinstance(default, tuple):
            parts = raw.split(",")
            values[key] = tuple(int(p) for p in parts) if key.endswith("ngrams") else tuple(parts)
        else:
            values[key] = type(default)(raw)
    return Settings(**values)


def scored(model: Any, texts: Sequence[str]) -> list[Scored]:
    out: list[Scored] = []
    for ranking in model.rank(list(texts), 2):
        second = ranking[1][1] if len(ranking) > 1 else 0.0
        out.append((ranking[0][0], ranking[0][1], second))
    return out


def run(spec: str, part: Split) -> str:
    from components.intent_model import IntentModel

    started = time.perf_counter()
    model = IntentModel(settings(spec)).fit([t for t, _ in part.train],
                                            [i for _, i in part.train])
    seconds = time.perf_counter() - started
    gold = [i for _, i in part.score]
    preds = scored(model, [t for t, _ in part.score] + part.oos)
    inside, oos = preds[:len(gold)], preds[len(gold):]
    line = f"{spec or '(defaults)'}: accuracy {accuracy(inside, gold)} %"
    if oos:
        t = threshold_for_recall(oos, 0.5, CONFIDENCE_Z)
        got = oos_figures(inside, gold, oos, t)
        line += (f", at t={t:.4f} (OOS recall {got['oos_recall']} %): in-scope "
                 f"{got['in_scope_accuracy']} %")
    return f"{line}; fit {seconds:.0f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.nlu.explore", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", choices=("clinc150", "banking77"))
    parser.add_argument("variants", nargs="*", default=[""])
    parser.add_argument("--confirm", action="store_true",
                        help="score on the TEST split (once, for the final choice)")
    args = parser.parse_args(argv)
    for path in (str(ROOT / "bot"), str(ROOT)):
        if path not in sys.path:
            sys.path.insert(0, path)
    part = split(args.dataset, args.confirm)
    where = "TEST" if args.confirm else "validation"
    print(f"{args.dataset}: train {len(part.train)}, {where} {len(part.score)} "
          f"+ {len(part.oos)} out of scope", flush=True)
    for spec in args.variants:
        print(run(spec, part), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
