"""The two systems measured: Rasa with bot/config.yml unchanged, and TF-IDF + LinearSVC.
Runs in the bot environment (.venv/bot: rasa 3.6, scikit-learn)."""

from __future__ import annotations

import asyncio
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.nlu.data import Pairs, rasa_yaml

BOT = Path(__file__).resolve().parents[2] / "bot"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Baseline:
    """TF-IDF word 1-2-grams + char_wb 2-4-grams, LinearSVC (C=1)."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        self.model = make_pipeline(
            make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                       TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
            LinearSVC(C=1.0))

    def fit(self, pairs: Pairs) -> float:
        started = time.perf_counter()
        self.model.fit([t for t, _ in pairs], [i for _, i in pairs])
        return time.perf_counter() - started

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        scores = self.model.decision_function(texts)
        labels = self.model.classes_
        return [(str(labels[row.argmax()]), float(row.max())) for row in scores]


class RasaPipeline:
    """`rasa train nlu` with bot/config.yml (the product's pipeline, unchanged)."""

    def __init__(self) -> None:
        self.agent: Any = None

    def fit(self, pairs: Pairs) -> float:
        import os
        import sys

        from rasa.model_training import train_nlu

        work = Path(tempfile.mkdtemp(prefix="bench-nlu-"))
        data = work / "nlu.yml"
        data.write_text(rasa_yaml(pairs), encoding="utf-8")
        os.chdir(BOT)
        for path in (str(BOT), str(BOT.parent)):
            if path not in sys.path:
                sys.path.insert(0, path)
        started = time.perf_counter()
        model = train_nlu(config=str(BOT / "config.yml"), nlu_data=str(data),
                          output=str(work), fixed_model_name="bench")
        seconds = time.perf_counter() - started
        from rasa.core.agent import Agent

        self.agent = Agent.load(str(model))
        return seconds

    def predict(self, texts: list[str]) -> list[tuple[str, float]]:
        return asyncio.run(self._predict(texts))

    async def _predict(self, texts: list[str]) -> list[tuple[str, float]]:
        out: list[tuple[str, float]] = []
        for text in texts:
            parsed = await self.agent.parse_message(text)
            ranking = [r for r in parsed.get("intent_ranking") or []
                       if r.get("name") != "nlu_fallback"]
            best = ranking[0] if ranking else {"name": "", "confidence": 0.0}
            out.append((str(best["name"]), float(best["confidence"] or 0.0)))
        return out
