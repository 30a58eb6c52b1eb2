"""Reading free text in Spanish or English (pure functions, no I/O).

* :func:`parse_urgency`: "muy urgente" -> critical, "asap" -> high,
  "no corre prisa" -> low, "1".."4" -> low..critical.
* :func:`describes_fault`: whether a report_problem message already describes
  the fault (a few meaningful words) so the bot need not ask again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from actions.parsing import fold, words

URGENCY_VALUES = ("low", "normal", "high", "critical")

# Checked in order: negations and intensifiers before the plain words.
_URGENCY_PHRASES: Sequence[tuple[str, str]] = (
    ((r"\b(no (es|corre) (urgente|prisa)|sin prisa|not urgent|no rush|no hurry|"
      r"can wait|puede esperar|whenever|cuando (se )?pueda)\b"), "low"),
    ((r"\b(muy urgente|urgentisim[oa]|emergencia|emergency|critic[oa]|critical|"
      r"todo parado|esta parad[oa]|(is )?down|everything stopped|production stopped)\b"),
     "critical"),
    ((r"\b(urgente|urgent|asap|cuanto antes|lo antes posible|as soon as possible|alta|high|"
      r"pronto|soon)\b"), "high"),
    (r"\b(normal|media|medium|regular|moderad[oa]|moderate)\b", "normal"),
    (r"\b(baja|low|poca|little)\b", "low"),
)
_DIGIT_RE = re.compile(r"^\s*([1-4])\s*$")

_GENERIC = frozenset(
    [
        "hola", "hello", "hi", "hey", "buenas", "buenos", "dias", "tardes", "good", "morning",
        "afternoon", "i", "me", "my", "we", "our", "you", "your", "it", "is", "are", "be",
        "have", "has", "tengo", "tenemos", "tiene", "hay", "a", "an", "the", "un", "una", "el",
        "la", "los", "las", "de", "del", "of", "to", "for", "with", "con", "por", "para", "en",
        "in", "on", "que", "and", "y", "o", "or", "please", "por", "favor", "porfa", "want",
        "quiero", "queremos", "need", "necesito", "necesitamos", "report", "reportar",
        "informar", "notify", "avisar", "problem", "problema", "problemas", "issue", "issues",
        "fault", "averia", "incidencia", "incident", "abrir", "open", "dar", "parte", "create",
        "crear", "registrar", "register", "new", "nueva", "nuevo", "un", "algo", "something",
        "wrong", "help", "ayuda", "ayudame", "can", "could", "puedes", "poder", "mal"
    ]
)
MIN_CONTENT_WORDS = 3


def parse_urgency(text: str) -> str | None:
    """One of :data:`URGENCY_VALUES`, or None when the text says no urgency."""
    digit = _DIGIT_RE.match(text)
    if digit:
        return URGENCY_VALUES[int(digit.group(1)) - 1]
    folded = fold(text).strip()
    if folded in URGENCY_VALUES:
        return folded
    for pattern, value in _URGENCY_PHRASES:
        if re.search(pattern, folded):
            return value
    return None


def describes_fault(text: str) -> bool:
    """True when ``text`` says what is wrong, not just that something is."""
    if not text or text.startswith("/"):
        return False
    content = [w for w in words(text) if w not in _GENERIC and len(w) > 1]
    return len(content) >= MIN_CONTENT_WORDS
