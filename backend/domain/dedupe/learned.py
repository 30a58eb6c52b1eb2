"""The learned scorer: a logistic regression over pair features, and its bands.

Weights are learned from labelled cases by `python -m backend.dedupe.train` and
shipped as a small JSON file (data/dedupe_model.json); the service reads the file
and hands the parsed mapping to `ScoringModel.from_dict` — no file I/O here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class ModelError(ValueError):
    """A model mapping without weights, with a non-number, or with bands out of order."""


@dataclass(frozen=True)
class ScoringModel:
    """P(same incident) = sigmoid(bias + Σ weight × feature); features not named weigh 0.

    Bands, chosen for precision first: probability ≥ `merge` merges (unless a second
    candidate is within the config's margin), ≥ `ask` asks, anything lower is new."""

    weights: Mapping[str, float]
    bias: float
    merge: float
    ask: float
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        if z < -30.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "logistic_regression",
            "bias": self.bias,
            "weights": dict(self.weights),
            "bands": {"merge": self.merge, "ask": self.ask},
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> ScoringModel:
        try:
            weights = {str(k): float(v) for k, v in dict(raw["weights"]).items()}
            bands = dict(raw["bands"])
            model = cls(weights, float(raw["bias"]), float(bands["merge"]), float(bands["ask"]),
                        dict(raw.get("meta") or {}))
        except (KeyError, TypeError, ValueError) as error:
            raise ModelError(f"not a dedupe model: {error!r}") from error
        if not 0.0 <= model.ask <= model.merge <= 1.0:
            raise ModelError(f"bands out of order: ask {model.ask}, merge {model.merge}")
        return model
