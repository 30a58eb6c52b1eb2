"""The two systems measured: Rasa with bot/config.yml unchanged (the product pipeline: its
intent classifier is components.linear_intent, the same code the product trains and
serves), and TF-IDF + LinearSVC.
Runs in the bot environment (.venv/bot: rasa 3.6, scikit-learn).

Both `predict` methods take all texts at once and return, per text, the top intent, its
confidence and the runner-up's confidence (for the FallbackClassifier's ambiguity rule).

Rasa's prediction runs the trained model's whole NLU graph (tokenizer, intent classifier,
extractors, the LanguageDetector component, FallbackClassifier) once per chunk of
`CHUNK` messages instead of once per message through `Agent.parse_message` (a DIET in the
config, as before, would score each chunk in batches). Same model, same features, same
confidences — `--check-batched N` compares both ways on N texts."""

from __future__ import annotations

import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.nlu.data import Pairs, rasa_yaml

BOT = Path(__file__).resolve().parents[2] / "bot"
CHUNK = 512  # messages per graph run
DIET_BATCH = 256  # messages per DIET inference batch
Scored = tuple[str, float, float]  # intent, top confidence, runner-up confidence


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """User + system CPU seconds of this process (less sensitive to others' load)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def progress(message: str) -> None:
    print(f"[bench-nlu] {message}", file=sys.stderr, flush=True)


class Baseline:
    """TF-IDF word 1-2-grams + char_wb 2-4-grams, LinearSVC (C=1). Confidence is the
    SVM decision value, so its out-of-scope threshold lives on another scale than Rasa's."""

    def __init__(self) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import make_pipeline, make_union
        from sklearn.svm import LinearSVC

        self.model = make_pipeline(
            make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                       TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)),
            LinearSVC(C=1.0))
        self.train_cpu_seconds = 0.0

    def fit(self, pairs: Pairs) -> float:
        started, cpu = time.perf_counter(), cpu_seconds()
        self.model.fit([t for t, _ in pairs], [i for _, i in pairs])
        self.train_cpu_seconds = cpu_seconds() - cpu
        return time.perf_counter() - started

    def predict(self, texts: list[str]) -> list[Scored]:
        import numpy as np

        scores = self.model.decision_function(texts)
        labels = self.model.classes_
        top2 = np.sort(scores, axis=1)[:, -2:]
        return [(str(labels[row.argmax()]), float(best[1]), float(best[0]))
                for row, best in zip(scores, top2, strict=True)]


def _batched_diet(original: Callable[[Any, list[Any]], list[Any]]) -> Callable[..., list[Any]]:
    """DIETClassifier.process for many messages at once (intent classification only, as
    in bot/config.yml); falls back to DIET's own per-message code for anything else."""
    from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT

    def process(component: Any, messages: list[Any]) -> list[Any]:
        cfg = component.component_config
        if component.model is None or cfg.get("entity_recognition") or len(messages) < 2:
            return original(component, messages)
        featured = [m for m in messages
                    if m.features_present(attribute=TEXT, featurizers=cfg.get("featurizers"))]
        if len(featured) != len(messages):  # DIET leaves these unlabelled; keep its code
            return original(component, messages)
        model_data = component._create_model_data(featured, training=False)
        out = component.model.run_inference(model_data, batch_size=DIET_BATCH,
                                            output_keys_expected=["i_scores"])
        scores = out["i_scores"]
        for message, row in zip(featured, scores, strict=True):
            label, ranking = component._predict_label({"i_scores": row})
            message.set(INTENT, label, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    return process


class RasaPipeline:
    """`rasa train nlu` with bot/config.yml (the product's pipeline, unchanged)."""

    def __init__(self) -> None:
        self.agent: Any = None
        self.train_peak_mb = 0.0
        self.train_cpu_seconds = 0.0

    def fit(self, pairs: Pairs) -> float:
        import os

        from rasa.model_training import train_nlu

        work = Path(tempfile.mkdtemp(prefix="bench-nlu-"))
        data = work / "nlu.yml"
        data.write_text(rasa_yaml(pairs), encoding="utf-8")
        os.chdir(BOT)  # config.yml names components.language (bot/) and channels (repo root)
        for path in (str(BOT), str(BOT.parent)):
            if path not in sys.path:
                sys.path.insert(0, path)
        started, cpu = time.perf_counter(), cpu_seconds()
        model = train_nlu(config=str(BOT / "config.yml"), nlu_data=str(data),
                          output=str(work), fixed_model_name="bench")
        seconds = time.perf_counter() - started
        self.train_cpu_seconds = cpu_seconds() - cpu
        self.train_peak_mb = peak_mb()
        progress("training done; loading the trained model")
        from rasa.core.agent import Agent

        self.agent = Agent.load(str(model))
        shutil.rmtree(work, ignore_errors=True)  # the agent has unpacked what it needs
        self._patch_diet()
        return seconds

    def _patch_diet(self) -> None:
        from rasa.nlu.classifiers.diet_classifier import DIETClassifier

        runner = self.agent.processor.graph_runner
        for node in runner._instantiated_nodes.values():
            if isinstance(node._component, DIETClassifier) and node._fn_name == "process":
                node._fn = _batched_diet(DIETClassifier.process)

    def _graph(self, texts: list[str]) -> list[Any]:
        from rasa.core.channels.channel import UserMessage
        from rasa.engine.constants import PLACEHOLDER_MESSAGE

        processor = self.agent.processor
        target = processor.model_metadata.nlu_target
        messages = [UserMessage(text) for text in texts]
        return list(processor.graph_runner.run(inputs={PLACEHOLDER_MESSAGE: messages},
                                               targets=[target])[target])

    def predict(self, texts: list[str]) -> list[Scored]:
        out: list[Scored] = []
        started = time.perf_counter()
        for start in range(0, len(texts), CHUNK):
            for parsed in self._graph(texts[start:start + CHUNK]):
                out.append(_top2(parsed.get("intent_ranking") or []))
            if (start // CHUNK) % 4 == 3 or len(out) == len(texts):
                progress(f"predicted {len(out)}/{len(texts)} "
                         f"({time.perf_counter() - started:.0f} s)")
        return out

    def predict_one_by_one(self, texts: list[str]) -> list[Scored]:
        """The slow reference: Agent.parse_message per text (no batching anywhere)."""
        import asyncio

        async def run() -> list[Scored]:
            return [_top2((await self.agent.parse_message(t)).get("intent_ranking") or [])
                    for t in texts]

        return asyncio.run(run())


def _top2(ranking: list[dict[str, Any]]) -> Scored:
    ranked = [r for r in ranking if r.get("name") != "nlu_fallback"]
    if not ranked:
        return ("", 0.0, 0.0)
    second = float(ranked[1]["confidence"] or 0.0) if len(ranked) > 1 else 0.0
    return (str(ranked[0]["name"]), float(ranked[0]["confidence"] or 0.0), second)
