"""Scores (in-scope accuracy, out-of-scope recall with a threshold tuned on validation,
accuracy) and the report table with the published figures beside ours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bench.nlu.data import Dataset

Predict = Callable[[list[str]], list[tuple[str, float]]]
PUBLISHED = {
    "CLINC150": {"SVM (Larson 2019)": [91.0, 14.5], "Rasa NLU 2019 (Larson 2019)": [91.5, 45.3],
                 "BERT (Larson 2019)": [96.9, 40.3]},
    "BANKING77": {"BERT-tuned (Casanueva 2020)": [93.66], "USE+ConveRT (Casanueva 2020)": [93.36],
                  "USE+ConveRT 10-shot": [85.19]},
}


def _tune(val: list[tuple[str, float]], gold: list[str], oos: list[tuple[str, float]]) -> float:
    """The threshold that maximises in-scope accuracy + out-of-scope recall on validation."""
    best, best_t = -1.0, 0.0
    candidates = sorted({round(c, 3) for _, c in val + oos})
    for t in candidates[:: max(1, len(candidates) // 400)]:
        acc = sum(p == g and c >= t for (p, c), g in zip(val, gold, strict=True)) / len(gold)
        rec = sum(c < t for _, c in oos) / len(oos)
        if acc + rec > best:
            best, best_t = acc + rec, t
    return best_t


def score(ds: Dataset, predict: Predict) -> dict[str, Any]:
    test = predict([t for t, _ in ds.test])
    gold = [i for _, i in ds.test]
    if not ds.oos_test:
        acc = sum(p == g for (p, _), g in zip(test, gold, strict=True)) / len(gold)
        return {"accuracy": round(100 * acc, 2)}
    threshold = _tune(predict([t for t, _ in ds.val]), [i for _, i in ds.val],
                      predict(ds.oos_val))
    oos = predict(ds.oos_test)
    acc = sum(p == g and c >= threshold for (p, c), g in zip(test, gold, strict=True)) / len(gold)
    raw = sum(p == g for (p, _), g in zip(test, gold, strict=True)) / len(gold)
    rec = sum(c < threshold for _, c in oos) / len(oos)
    return {"in_scope_accuracy": round(100 * acc, 2), "in_scope_accuracy_no_threshold":
            round(100 * raw, 2), "oos_recall": round(100 * rec, 2), "threshold": threshold}


def table(report: dict[str, Any]) -> str:
    lines = [("| dataset | system | train ex. | in-scope acc / accuracy % | OOS recall % | "
             "train s | peak MB |"), "|---|---|---|---|---|---|---|"]
    for r in report["results"]:
        acc = r.get("in_scope_accuracy", r.get("accuracy"))
        lines.append(f"| {r['dataset']} | {r['system']} | {r['train_examples']}/"
                     f"{r['train_full']} | {acc} | {r.get('oos_recall', '-')} | "
                     f"{r['train_seconds']} | {r['peak_memory_mb']} |")
    for name, figures in report["published"].items():
        for system, values in figures.items():
            oos = values[1] if len(values) > 1 else "-"
            lines.append(f"| {name} | published: {system} | full | {values[0]} | {oos} | - | - |")
    return "\n".join(lines) + f"\n\n{report['notes']}; {report['machine']}; {report['date']}"
