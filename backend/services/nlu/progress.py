"""Reading Rasa's training output as one progress fraction and a phase to show. Pure.

Rasa's graph trainer logs each component it trains ("Starting to train component 'X'.",
"Finished training component 'X'.") or takes from its cache ("Restored component 'X' from
cache."); a component that trains in epochs (TEDPolicy) also draws tqdm's
"Epochs:  40%|███ | 4/10 [...]" lines. The fraction counts finished components out of those
the configuration names, the running one's epochs counted as a part of it."""

from __future__ import annotations

import re
from dataclasses import dataclass

EPOCHS = re.compile(r"Epochs:\s*\d+%.*?(\d+)/(\d+)")
STARTED = re.compile(r"Starting to train component '(\w+)'")
FINISHED = re.compile(r"Finished training component '(\w+)'|Restored component '(\w+)' from cache")


@dataclass
class Progress:
    components: int  # pipeline + policies named in config.yml
    done: int = 0
    current: str = ""
    epoch: int = 0
    total: int = 0

    def feed(self, line: str) -> bool:
        """Takes one output line (split on \\r and \\n); True when progress moved."""
        if started := STARTED.search(line):
            self.current, self.epoch, self.total = started.group(1), 0, 0
            return True
        if FINISHED.search(line):
            self.done = min(self.done + 1, self.components)
            self.current = ""
            self.epoch = self.total = 0
            return True
        found = EPOCHS.search(line)
        if not found:
            return False
        moved = (int(found.group(1)), int(found.group(2))) != (self.epoch, self.total)
        self.epoch, self.total = int(found.group(1)), int(found.group(2))
        return moved

    @property
    def fraction(self) -> float:
        current = self.epoch / self.total if self.total else 0.0
        return min(1.0, (self.done + current) / max(1, self.components))

    @property
    def phase(self) -> str:
        if not self.current:
            return f"{self.done}/{self.components} components ready" if self.done else "preparing"
        epochs = f", epoch {self.epoch}/{self.total}" if self.total else ""
        return f"training {self.current}{epochs}"


def lines(buffer: str) -> tuple[list[str], str]:
    """Complete lines (ended by \\r or \\n) and the unfinished rest."""
    parts = re.split(r"[\r\n]", buffer)
    return parts[:-1], parts[-1]
