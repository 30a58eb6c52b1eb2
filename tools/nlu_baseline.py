"""The NLU gate's yardstick: TF-IDF (word 1-2-grams + character 2-5-grams, accents folded)
+ LinearSVC, trained on the product's own training data and scored on the held-out set.
Runs in the bot environment (scikit-learn and PyYAML come with Rasa)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

Pairs = list[tuple[str, str]]
ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def examples(paths: Iterable[Path]) -> Pairs:
    """(text, intent) of every intent example in Rasa NLU YAML files, annotations removed."""
    import yaml

    out: Pairs = []
    for path in paths:
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            if "intent" not in item:
                continue
            for line in str(item.get("examples", "")).splitlines():
                line = line.strip()
                if line.startswith("- "):
                    out.append((ANNOTATION.sub(r"\1", line[2:]).strip(), str(item["intent"])))
    return out


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def per_intent_f1(train: Pairs, test: Pairs, intents: Iterable[str]) -> dict[str, float]:
    """F1 of the baseline per intent on `test` after training on `train`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import f1_score
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    model: Any = make_pipeline(
        make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, preprocessor=fold),
                   TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True,
                                   preprocessor=fold)),
        LinearSVC(C=1.0))
    model.fit([t for t, _ in train], [i for _, i in train])
    labels = list(intents)
    scores = f1_score([i for _, i in test], model.predict([t for t, _ in test]), labels=labels,
                      average=None, zero_division=0)
    return {label: float(s) for label, s in zip(labels, scores, strict=True)}
