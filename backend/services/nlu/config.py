"""Where the improvement loop finds Rasa, the bot environment and its files."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from backend.paths import ROOT

LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class NluConfig:
    rasa_urls: tuple[str, ...]
    rasa_token: str
    root: Path = ROOT
    low_confidence: float = LOW_CONFIDENCE

    @property
    def bot_dir(self) -> Path:
        return self.root / "bot"

    @property
    def rasa_bin(self) -> Path:
        return Path(os.environ.get("AVISA_BOT_BIN", str(self.root / ".venv/bot/bin"))) / "rasa"

    @property
    def models_dir(self) -> Path:
        return self.root / "var" / "models" / "candidates"

    @property
    def results_dir(self) -> Path:
        return self.root / "var" / "results" / "nlu-eval"

    @property
    def default_model(self) -> Path:
        return Path(os.environ.get("AVISA_MODEL", str(self.root / "var/models/current.tar.gz")))

    @classmethod
    def from_env(cls, rasa_url: str, rasa_token: str,
                 environ: Mapping[str, str] = os.environ) -> NluConfig:
        raw = environ.get("AVISA_RASA_URLS", "") or rasa_url
        urls = tuple(u.strip().rstrip("/") for u in raw.split(",") if u.strip())
        root = Path(environ.get("AVISA_ROOT", str(ROOT)))
        return cls(urls, rasa_token, root)
