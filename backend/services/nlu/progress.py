"""Reading Rasa's training output: tqdm's "Epochs:  40%|███ | 20/50 [...]" lines (DIET
first, then TED in a full training) become one progress fraction. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass

EPOCHS = re.compile(r"Epochs:\s*\d+%.*?(\d+)/(\d+)")


@dataclass
class Progress:
    phases: int = 2  # DIETClassifier, TEDPolicy
    done_phases: int = 0
    epoch: int = 0
    total: int = 0

    def feed(self, line: str) -> bool:
        """Takes one output line (split on \\r and \\n); True when progress moved."""
        found = EPOCHS.search(line)
        if not found:
            return False
        epoch, total = int(found.group(1)), int(found.group(2))
        if epoch < self.epoch or (total != self.total and self.total):
            self.done_phases = min(self.done_phases + 1, self.phases - 1)
        moved = (epoch, total) != (self.epoch, self.total)
        self.epoch, self.total = epoch, total
        return moved

    @property
    def fraction(self) -> float:
        current = self.epoch / self.total if self.total else 0.0
        return min(1.0, (self.done_phases + current) / self.phases)

    @property
    def phase(self) -> str:
        name = ("DIETClassifier", "TEDPolicy")[min(self.done_phases, 1)]
        return f"{name} epoch {self.epoch}/{self.total}" if self.total else "preparing"


def lines(buffer: str) -> tuple[list[str], str]:
    """Complete lines (ended by \\r or \\n) and the unfinished rest."""
    parts = re.split(r"[\r\n]", buffer)
    return parts[:-1], parts[-1]
