"""The intent model behind :mod:`components.linear_intent`, without Rasa.

Features: TF-IDF (sublinear tf) of word 1-2-grams and of character 2-5-grams inside word
boundaries, both over :func:`components.text_normalise.normalise` (accents folded, SMS
spellings written out). Classifier: a LinearSVC whose scores are calibrated into
probabilities (sigmoid, 3-fold cross-validation, final SVM on all the data), so that
FallbackClassifier's thresholds are on a probability scale. Optionally ensembled with a
multinomial logistic regression (``members``: the mean of the members' probabilities);
off by default: 20x slower to train and no more accurate on CLINC150 or the held-out set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from components.text_normalise import normalise

FILE = "intent_model.joblib"
Ranking = list[tuple[str, float]]


@dataclass(frozen=True)
class Settings:
    """Hyper-parameters (chosen on CLINC150's validation split, see bench/nlu)."""

    word_ngrams: tuple[int, int] = (1, 2)
    char_ngrams: tuple[int, int] = (2, 5)
    svc_c: float = 1.0
    lr_c: float = 20.0
    members: tuple[str, ...] = ("svc",)
    calibration_folds: int = 3


def _features(settings: Settings) -> FeatureUnion:
    return FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=settings.word_ngrams, sublinear_tf=True,
                                 lowercase=False, token_pattern=r"(?u)\b\w+\b")),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=settings.char_ngrams,
                                 sublinear_tf=True, lowercase=False)),
    ])


def _member(name: str, settings: Settings, smallest_class: int) -> Any:
    if name == "lr":
        return LogisticRegression(C=settings.lr_c, max_iter=300)
    if name != "svc":
        raise ValueError(f"unknown ensemble member {name!r} (svc, lr)")
    folds = min(settings.calibration_folds, smallest_class)
    if folds < 2:  # too few examples to calibrate: plain decision values through a softmax
        return LinearSVC(C=settings.svc_c)
    return CalibratedClassifierCV(LinearSVC(C=settings.svc_c), cv=folds, method="sigmoid",
                                  ensemble=False)


def _probabilities(model: Any, features: Any) -> Any:
    if hasattr(model, "predict_proba"):
        return model.predict_proba(features)
    scores = np.atleast_2d(model.decision_function(features))
    if scores.shape[1] == 1:  # two classes: one column of scores
        scores = np.hstack([-scores, scores])
    exp = np.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class IntentModel:
    """Trained with :meth:`fit`; :meth:`rank` gives every intent with its confidence."""

    settings: Settings = field(default_factory=Settings)
    classes: list[str] = field(default_factory=list)
    _features: Any = None
    _members: list[Any] = field(default_factory=list)

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> IntentModel:
        targets = np.array(list(labels))
        names, counts = np.unique(targets, return_counts=True)
        self.classes = [str(n) for n in names]
        if len(self.classes) < 2:
            self._members = []
            return self
        self._features = _features(self.settings)
        matrix = self._features.fit_transform([normalise(t) for t in texts])
        self._members = [_member(m, self.settings, int(counts.min())).fit(matrix, targets)
                         for m in self.settings.members]
        return self

    def probabilities(self, texts: Sequence[str]) -> Any:
        """A (len(texts), len(classes)) array of confidences; rows sum to 1."""
        if not self._members:
            return np.ones((len(texts), len(self.classes))) / max(1, len(self.classes))
        matrix = self._features.transform([normalise(t) for t in texts])
        total = np.zeros((len(texts), len(self.classes)))
        for member in self._members:
            order = [self.classes.index(str(c)) for c in member.classes_]
            total[:, order] += _probabilities(member, matrix)
        return total / len(self._members)

    def rank(self, texts: Sequence[str], length: int = 10) -> list[Ranking]:
        """Per text, the `length` most likely intents, best first (all when length <= 0)."""
        probs = self.probabilities(texts)
        keep = length if length > 0 else len(self.classes)
        out: list[Ranking] = []
        for row in probs:
            best = np.argsort(-row, kind="stable")[:keep]
            out.append([(self.classes[i], float(row[i])) for i in best])
        return out

    def save(self, directory: Path) -> None:
        joblib.dump(self, directory / FILE)

    @staticmethod
    def load(directory: Path) -> IntentModel:
        model = joblib.load(directory / FILE)
        if not isinstance(model, IntentModel):
            raise TypeError(f"{directory / FILE} holds no IntentModel")
        return model
