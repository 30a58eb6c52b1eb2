"""The intent model behind :mod:`components.linear_intent`, without Rasa.

Two models, pooled. The n-gram model: TF-IDF (sublinear tf) of word 1-2-grams and of character
2-5-grams inside word boundaries, both over :func:`components.text_normalise.normalise`
(accents folded, SMS spellings written out), keeps exact wording. The embedding model: the
text's multilingual sentence embedding (:mod:`components.sentence_encoder`, of the text as
typed) brings meaning across paraphrases and between Spanish and English. Each is a LinearSVC
whose scores become probabilities by temperature scaling (softmax of the scores times one
factor, fitted by log-loss on 3-fold cross-validated scores; the final SVM is trained on all
the data), so that FallbackClassifier's thresholds are on a probability scale and the SVM's
ranking is kept. Their probabilities are pooled log-linearly, ``p ∝ (p_ngram^(1-s) ·
p_embedding^s)^f`` with ``s = embedding_share``, the n-grams keeping the larger say, and f a
temperature fitted like the SVMs' on their cross-validated scores (two models that agree are
surer than either). (The earlier design, the embedding's columns beside the n-grams in one SVM,
read far more of the dialogue files' turns differently from the n-grams alone, and lost working
dialogues: README "NLU benchmark".) The n-gram model can optionally be an ensemble with a
multinomial logistic regression (``members``: the mean of the members' probabilities); off by
default: 20x slower to train and no more accurate on CLINC150 or the held-out set.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion
from sklearn.preprocessing import normalize
from sklearn.svm import LinearSVC

from components.sentence_encoder import check, embed
from components.text_normalise import normalise

FILE = "intent_model.joblib"
Ranking = list[tuple[str, float]]
TINY = 1e-12  # keeps log() finite for a probability of 0


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
    embedding_share: float = 0.35  # the embedding model's exponent in the pooled probabilities
    embedding_c: float = 1.0  # the embedding model's LinearSVC C


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
        self.cv_scores: Any = None  # the cross-validated scores, until the owner drops them

    def fit(self, matrix: Any, targets: Any) -> ScaledSVC:
        if self.folds >= 2:
            cv = StratifiedKFold(self.folds, shuffle=True, random_state=0)
            scores = cross_val_predict(LinearSVC(C=self.svc.C), matrix, targets, cv=cv,
                                       method="decision_function")
            self.factor = fit_temperature(scores, targets, [str(c) for c in np.unique(targets)])
            self.cv_scores = scores
        self.svc.fit(matrix, targets)
        self.classes_ = self.svc.classes_
        return self

    def predict_proba(self, matrix: Any) -> Any:
        return _softmax(self.svc.decision_function(matrix), self.factor)


def _member(name: str, settings: Settings, folds: int) -> Any:
    if name == "lr":
        return LogisticRegression(C=settings.lr_c, max_iter=300)
    if name != "svc":
        raise ValueError(f"unknown ensemble member {name!r} (svc, lr)")
    return ScaledSVC(settings.svc_c, folds)


@dataclass
class IntentModel:
    """Trained with :meth:`fit`; :meth:`rank` gives every intent with its confidence."""

    settings: Settings = field(default_factory=Settings)
    classes: list[str] = field(default_factory=list)
    _features: Any = None
    _idf: list[Any] | None = None  # the n-gram parts' idf vectors, once used (see _grams)
    _members: list[Any] = field(default_factory=list)
    _embedding: Any = None  # ScaledSVC over the sentence embeddings, or None
    pool_factor: float = 1.0  # temperature of the pooled probabilities

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> IntentModel:
        targets = np.array(list(labels))
        names, counts = np.unique(targets, return_counts=True)
        self.classes = [str(n) for n in names]
        if len(self.classes) < 2:
            self._members = []
            return self
        check(self.settings.embedding)
        self._features = _features(self.settings)
        self._idf = None
        normalised = [normalise(t) for t in texts]
        matrix = self._features.fit_transform(normalised)
        folds = min(self.settings.calibration_folds, int(counts.min()))
        self._members = [_member(m, self.settings, folds).fit(matrix, targets)
                         for m in self.settings.members]
        self._embedding = None
        self.pool_factor = 1.0
        if self.settings.embedding != "none":
            self._embedding = ScaledSVC(self.settings.embedding_c, folds).fit(
                embed(self.settings.embedding, list(texts)), targets)
            self._calibrate_pool(targets)
        for member in [*self._members, self._embedding]:
            if isinstance(member, ScaledSVC):
                member.cv_scores = None  # not pickled with the model
        return self

    def _calibrate_pool(self, targets: Any) -> None:
        """Temperature-scales the pool too, on the two models' cross-validated scores: two
        models that agree are surer than either, two that disagree less sure, so the pooled
        confidences are not on the scale FallbackClassifier's threshold was set for until
        scaled (only when every n-gram member is a ScaledSVC with such scores)."""
        parts = [*self._members, self._embedding]
        if not all(isinstance(m, ScaledSVC) and m.cv_scores is not None for m in parts):
            return
        grams = sum(_softmax(m.cv_scores, m.factor) for m in self._members) / len(self._members)
        meaning = _softmax(self._embedding.cv_scores, self._embedding.factor)
        self.pool_factor = fit_temperature(self._pool(grams, meaning), targets, self.classes)

    def _pool(self, grams: Any, meaning: Any) -> Any:
        """The log-linear pool's log-probabilities (up to a constant per row)."""
        share = self.settings.embedding_share
        return (1 - share) * np.log(grams + TINY) + share * np.log(meaning + TINY)

    def _grams(self, texts: Sequence[str]) -> Any:
        """The n-gram TF-IDF matrix, as ``self._features.transform`` computes it, without its
        per-call overhead (a thread pool per call, and the idf vector rebuilt from its
        diagonal matrix at every check): about half the CPU of a single message's n-grams."""
        normalised = [normalise(t) for t in texts]
        if self._idf is None:  # worked out once per model
            self._idf = [np.asarray(vectorizer.idf_, dtype=np.float64)
                         for _, vectorizer in self._features.transformer_list]
        parts = []
        for (_, vectorizer), idf in zip(self._features.transformer_list, self._idf, strict=True):
            counts = CountVectorizer.transform(vectorizer, normalised).astype(np.float64)
            np.log(counts.data, counts.data)  # sublinear tf: 1 + log(count)
            counts.data += 1
            counts.data *= idf[counts.indices]
            parts.append(normalize(counts, norm="l2", copy=False))
        return hstack(parts, format="csr")

    def _by_class(self, member: Any, matrix: Any) -> Any:
        """`member`'s probabilities with the columns in the order of self.classes."""
        out = np.zeros((matrix.shape[0], len(self.classes)))
        out[:, [self.classes.index(str(c)) for c in member.classes_]] = member.predict_proba(matrix)
        return out

    def probabilities(self, texts: Sequence[str]) -> Any:
        """A (len(texts), len(classes)) array of confidences; rows sum to 1."""
        if not self._members:
            return np.ones((len(texts), len(self.classes))) / max(1, len(self.classes))
        matrix = self._grams(texts)
        grams = sum(self._by_class(m, matrix) for m in self._members) / len(self._members)
        # A model saved before the pooled embedding model has no such attribute.
        if getattr(self, "_embedding", None) is None:
            return grams
        meaning = self._by_class(self._embedding, embed(self.settings.embedding, list(texts)))
        return _softmax(self._pool(grams, meaning), self.pool_factor)

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
