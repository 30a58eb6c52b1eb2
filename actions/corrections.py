"""A customer correcting which machine they meant (pure functions, no I/O; issue 13 §1).

"perdon error mio, es el del A08, el A07 va bien", "no es la de la linea 1, es la doypack",
"sorry, not the chiller, it's the fridge", "la camara esta bien, es la bomba de calor": the
clauses that deny a machine ("no es…", "…va bien", "not the…", "…is fine", or the one used
meanwhile: "nos apañamos con la del ala norte") are left out
before the words are matched to the customer's machines; such a clause, or an apology
("perdon, me he liado", "sorry, I meant"), makes the message a correction of the machine
already chosen when it names another one (actions/incident.py).
"""

from __future__ import annotations

import re

from actions.parsing import fold

_CLAUSES = re.compile(r"[,;.!?\n]+|\s+(?:but|pero|sino)\s+")
# A clause saying a machine is not the one: "no es la de la linea 1", "not the chiller",
# "el A07 va bien", "the cold room is fine", "la camara esta bien".
_DENIAL = re.compile(
    r"^\s*(?:y\s+|and\s+)?(?:no\s+(?:es|era|son|hablo\s+de)|not\s+(?:the|that|our|my)|"
    r"(?:it'?s|it\s+is|it\s+was)\s+not\s+(?:the|that|our|my))\b"
    r"|(?<!\bno )\b(?:va|van|esta|estan|funciona|funcionan)\s+(?:bien|perfectamente|ok)\b"
    r"|\b(?:is|are|was)\s+(?:fine|ok|okay|working(?:\s+fine)?|all\s+right)\b"
    r"|\bworks?\s+fine\b|\bperfect(?:ly|amente)\b"
    r"|(?<!\bno )\b(?:imprime|escanea|enfria|calienta|anda|arranca)\s+bien\b"
    # the machine used meanwhile: "nos apañamos con la del ala norte", "using the other one"
    r"|\b(?:nos\s+apanamos|apanandonos|estamos\s+usando|estamos\s+tirando|tiramos|usamos|"
    r"we'?re\s+using|we\s+are\s+using|making\s+do|make\s+do|using\s+the\s+other)\b"
    # "seguimos pudiendo imprimir en la Canon", "podemos seguir usando la otra", "we can
    # still print on the Canon", "we've moved the jobs to the other one"
    r"|\b(?:seguimos\s+(?:pudiendo\s+\w+r|\w+ndo)\s+(?:en|con)|podemos\s+seguir\s+\w+ndo|"
    r"(?:aun|todavia)\s+podemos\s+\w+r\s+(?:en|con)|"
    r"(?:we\s+)?can\s+still\s+(?:use|print|work|run|copy|scan|wrap|pick)\b|"
    r"(?:still|now)\s+(?:printing|working|running|using)\s+(?:on|with|the)|"
    r"(?:moved|switched|sent|diverted)\s+(?:\w+\s+){0,2}(?:to|onto)\s+the\s+other|"
    r"nos\s+hemos\s+pasado\s+a)")
_CUE = re.compile(
    r"\b(?:perdon|perdona|perdone|disculpa|disculpad|me\s+he\s+liado|me\s+equivoque|"
    r"error\s+mio|quise\s+decir|queria\s+decir|en\s+realidad|rectifico|corrijo|"
    r"sorry|my\s+bad|my\s+mistake|i\s+meant|wrong\s+(?:one|machine|unit)|scratch\s+that|"
    r"correction|actually)\b")

# Taking a machine back, not only an apology ("sorry to bother you again, the fridge too").
_TAKEN_BACK = re.compile(
    r"\b(?:me\s+he\s+liado|me\s+equivoque|error\s+mio|quise\s+decir|queria\s+decir|"
    r"rectifico|corrijo|me\s+he\s+confundido|my\s+bad|my\s+mistake|i\s+meant|"
    r"wrong\s+(?:one|machine|unit)|scratch\s+that)\b")


def _clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSES.split(text) if c.strip()]


def denied(text: str) -> list[str]:
    """The clauses of ``text`` that say a machine is not the one, or is fine."""
    return [c for c in _clauses(text) if _DENIAL.search(fold(c))]


def affirmed(text: str) -> str:
    """``text`` without the clauses that deny a machine ("" when every clause does)."""
    clauses = _clauses(text)
    kept = [c for c in clauses if not _DENIAL.search(fold(c))]
    return text if len(kept) == len(clauses) else ", ".join(kept)


def says_sorry(text: str) -> bool:
    """The message takes something back ("perdon, me he liado", "sorry, I meant…")."""
    return bool(_CUE.search(fold(text)))


def takes_back(text: str) -> bool:
    """The message says the machine named before was a mistake ("error mio, es el del A08",
    "my bad, I meant the fridge"), more than a polite "sorry"."""
    return bool(_TAKEN_BACK.search(fold(text)))
