"""Weights and thresholds of the duplicate check (values come from data/dedupe.yml)."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.domain.dedupe.learned import ScoringModel


@dataclass(frozen=True)
class Weights:
    """Relative weight of each feature in the score (they need not sum to 1)."""

    text: float = 3.0
    symptom: float = 2.0
    equipment: float = 2.0
    site: float = 0.5
    codes: float = 1.0
    time: float = 1.0
    cue: float = 1.0
    sender: float = 0.5

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class DedupeConfig:
    weights: Weights = field(default_factory=Weights)
    text_scorer: str = "token_set_ratio"  # a name in scoring.TEXT_SCORERS
    merge_threshold: float = 0.70  # score at or above: merge
    ask_threshold: float = 0.55  # score at or above (below merge): ask the customer
    margin: float = 0.03  # two open candidates closer than this: ask, never merge
    recurrence_threshold: float = 0.55  # a resolved incident scoring this much: recurrence
    open_window_hours: float = 14 * 24  # open incidents silent longer are not candidates
    recurrence_window_hours: float = 30 * 24  # resolved incidents this recent are looked at
    time_scale_hours: float = 24.0  # the time feature halves (about) every 0.7 × this
    # The learned scorer (data/dedupe_model.json); when set, its probability is the score
    # and its bands replace merge_threshold / ask_threshold (and the weights above).
    model: ScoringModel | None = field(default=None, compare=False)

    @property
    def merge_band(self) -> float:
        return self.model.merge if self.model else self.merge_threshold

    @property
    def ask_band(self) -> float:
        return self.model.ask if self.model else self.ask_threshold

    @property
    def recurrence_band(self) -> float:
        return max(self.model.ask, 0.5) if self.model else self.recurrence_threshold
