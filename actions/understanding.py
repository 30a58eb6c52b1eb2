"""Reading free text in Spanish or English (pure functions, no I/O).

* urgency: :mod:`actions.urgency`.
* :func:`describes_fault`: whether a report_problem message already describes
  the fault (a few meaningful words) so the bot need not ask again.
"""

from __future__ import annotations

from actions.parsing import words

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


def describes_fault(text: str) -> bool:
    """True when ``text`` says what is wrong, not just that something is."""
    if not text or text.startswith("/"):
        return False
    content = [w for w in words(text) if w not in _GENERIC and len(w) > 1]
    return len(content) >= MIN_CONTENT_WORDS
