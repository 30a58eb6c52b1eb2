"""Reading the duplicate-check configuration (data/dedupe.yml) into `DedupeConfig`."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import yaml

from backend.domain.dedupe import DedupeConfig, Weights
from backend.domain.dedupe.learned import ScoringModel
from backend.domain.dedupe.scoring import TEXT_SCORERS
from backend.paths import data_file

DEFAULT_PATH = data_file("dedupe.yml")


class ConfigError(ValueError):
    """The configuration file names an unknown key or scorer, or a value of the wrong kind."""


MODEL_KEY = "model_file"  # in dedupe.yml: the learned scorer's JSON, beside the YAML


def config_from_dict(raw: dict[str, Any]) -> DedupeConfig:
    raw = {k: v for k, v in raw.items() if k != MODEL_KEY}
    known = {f.name for f in fields(DedupeConfig)} - {"model"}
    unknown = set(raw) - known
    if unknown:
        raise ConfigError(f"unknown keys in dedupe config: {sorted(unknown)}")
    weights_raw = raw.get("weights") or {}
    unknown_weights = set(weights_raw) - {f.name for f in fields(Weights)}
    if unknown_weights:
        raise ConfigError(f"unknown weights: {sorted(unknown_weights)}")
    scorer = str(raw.get("text_scorer", DedupeConfig.text_scorer))
    if scorer not in TEXT_SCORERS:
        raise ConfigError(f"unknown text_scorer {scorer!r}; one of {sorted(TEXT_SCORERS)}")
    try:
        weights = Weights(**{k: float(v) for k, v in weights_raw.items()})
        values: dict[str, Any] = {
            k: float(v) for k, v in raw.items() if k not in ("weights", "text_scorer")
        }
    except (TypeError, ValueError) as error:
        raise ConfigError(f"dedupe config: {error}") from error
    return DedupeConfig(weights=weights, text_scorer=scorer, **values)


def load_model(path: Path) -> ScoringModel:
    """The learned scorer's weights and bands (written by `backend.dedupe.train`)."""
    try:
        return ScoringModel.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        raise ConfigError(f"{path}: {error}") from error


def load_config(path: Path = DEFAULT_PATH, *, learned: bool = True) -> DedupeConfig:
    """The YAML's values; with `learned` (the product's way) also the model its
    `model_file` names, which then scores pairs and sets the bands."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping")
    config = config_from_dict(raw)
    model_file = raw.get(MODEL_KEY)
    if learned and model_file:
        config = replace(config, model=load_model(path.parent / str(model_file)))
    return config


def config_to_dict(config: DedupeConfig) -> dict[str, Any]:
    out: dict[str, Any] = {f.name: getattr(config, f.name) for f in fields(DedupeConfig)
                           if f.name != "model"}
    out["weights"] = config.weights.as_dict()
    return out
