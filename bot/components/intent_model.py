"""The intent model behind :mod:`components.linear_intent`, without Rasa.

Features: TF-IDF (sublinear tf) of word 1-2-grams and of character 2-5-grams inside word
boundaries, both over :func:`components.text_normalise.normalise` (accents folded, SMS
spellings written out), side by side with the text's multilingual sentence embedding
(:mod:`components.sentence_encoder`, of the text as typed) times ``embedding_weight``:
the n-grams keep exact wording, the embedding brings meaning across paraphrases and
between Spanish and English. Classifier: a LinearSVC whose scores become probabilities by
temperature scaling (softmax of the scores times one factor, fitted by log-loss on 3-fold
cross-validated scores; the final SVM is trained on all the data), so that
FallbackClassifier's thresholds are on a probability scale and the SVM's ranking is kept.
Optionally ensembled with a multinomial logistic regression (``members``: the mean of the
members' probabilities); off by default: 20x slower to train and no more accurate on
CLINC150 or the held-out set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from components.sentence_encoder import check, embed
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
    embedding: str = "use"  # components.sentence_encoder.NAMES ("none": n-grams only)
    embedding_weight: float = 1.5


def _features(settings: Settings) -> FeatureUnion:
    return FeatureUnion([
        ("word", TfidfVectorizer(ngram_range=settings.word_ngrams, sublinear_tf=True,
                                 lowercase=False)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=settings.char_ngrams,
                                 sublinear_tf=True, lowercase=False)),
    ])


def _softmax(scores: Any, factor: float) -> Any:
    scores = np.atleast_2d(scores)
    if scores.shape[1] == 1:  # two classes: one column of scores
        scores = np.hstack([-scores, scores])
    scaled = scores * factor
    exp = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def fit_temperature(scores: Any, targets: Any, classes: Sequence[str]) -> float:
    """The factor f minimising the log-loss of softmax(f * scores) (grid in log space)."""
    index = {c: i for i, c in enumerate(classes)}
    rows = np.arange(len(targets))
    cols = np.array([index[str(t)] for t in targets])
    best, best_loss = 1.0, np.inf
    for factor in np.logspace(-1, 2.5, 71):
        loss = -np.log(_softmax(scores, float(factor))[rows, cols] + 1e-12).mean()
        if loss < best_loss:
            best, best_loss = float(factor), float(loss)
    return best


class ScaledSVC:
    """LinearSVC with temperature-scaled probabilities (see the module docstring)."""

    def __init__(self, c: float, folds: int) -> None:
        self.svc = LinearSVC(C=c)
        self.folds = folds
        self.factor = 1.0
        self.classes_: Any = None

    def fit(self, matrix: Any, targets: Any) -> ScaledSVC:
        if self.folds >= 2:
            cv = StratifiedKFold(self.folds, shuffle=True, random_state=0)
            scores = cross_val_predict(LinearSVC(C=self.svc.C), matrix, targets, cv=cv,
                                       method="decision_function")
            self.factor = fit_temperature(scores, targets, [str(c) for c in np.unique(targets)])
        self.svc.fit(matrix, targets)
        self.classes_ = self.svc.classes_
        return self

    def predict_proba(self, matrix: Any) -> Any:
        return _softmax(self.svc.decision_function(matrix), self.factor)


def _member(name: str, settings: Settings, smallest_class: int) -> Any:
    if name == "lr":
        return LogisticRegression(C=settings.lr_c, max_iter=300)
    if name != "svc":
        raise ValueError(f"unknown ensemble member {name!r} (svc, lr)")
    return ScaledSVC(settings.svc_c, min(settings.calibration_folds, smallest_class))


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
        check(self.settings.embedding)
        self._features = _features(self.settings)
        matrix = self._matrix(texts, fit=True)
        self._members = [_member(m, self.settings, int(counts.min())).fit(matrix, targets)
                         for m in self.settings.members]
        return self

    def _matrix(self, texts: Sequence[str], fit: bool = False) -> Any:
        """The n-gram TF-IDF columns, then the weighted sentence-embedding columns."""
        normalised = [normalise(t) for t in texts]
        grams = (self._features.fit_transform(normalised) if fit
                 else self._features.transform(normalised))
        # A model saved before embeddings existed has none in its pickled settings.
        name = vars(self.settings).get("embedding", "none")
        if name == "none":
            return grams
        dense = embed(name, list(texts)) * self.settings.embedding_weight
        return hstack([grams, csr_matrix(dense)], format="csr")

    def probabilities(self, texts: Sequence[str]) -> Any:
        """A (len(texts), len(classes)) array of confidences; rows sum to 1."""
        if not self._members:
            return np.ones((len(texts), len(self.classes))) / max(1, len(self.classes))
        matrix = self._matrix(texts)
        total = np.zeros((len(texts), len(self.classes)))
        for member in self._members:
            order = [self.classes.index(str(c)) for c in member.classes_]
            total[:, order] += member.predict_proba(matrix)
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
