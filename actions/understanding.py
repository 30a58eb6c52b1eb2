"""Reading free text in Spanish or English (pure functions, no I/O).

* urgency: :mod:`actions.urgency`.
* :func:`describes_fault`: whether a report_problem message already describes
  the fault (a few meaningful words) so the bot need not ask again.
* :func:`says_something_wrong`: a symptom, a risk or an urgency is said (what the urgency
  reading finds), the evidence a message the NLU did not place must give to be a report.
* :func:`asks_without_fault`: a question that says nothing is wrong ("do you also sell
  forklifts? ours is getting old") is no report, whatever the NLU read.
* :func:`no_cancellation`: a message read as a request to cancel that names no cancelling
  and says the fault is serious is about the incident getting worse.
* :func:`denies_fault`: a message that says outright there is no fault ("no es avería eh,
  funcionan bien, es para la campaña") and names none besides is no report either.
"""

from __future__ import annotations

import re

from actions.parsing import fold, words
from actions.urgency import read_urgency

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


# Signs of a fault the urgency reading leaves to the question: an error code on a display
# ("E-231", "err 07"), marks on the output ("grey streaks", "rayas", "manchas").
_SIGNS = re.compile(
    r"(?<![a-z0-9])(?:[a-z]{1,3}-?\d{1,4}|err(?:or)?\s*\d{1,4})(?![a-z0-9])"
    r"|\b(?:streak|stain|smudge|smear|marks?\b|lines?\b|raya|mancha|borros|codigo de error|"
    r"error code|pantalla|display|screen|shows?\b|muestra|parpadea|flash|blink|beep|pita|"
    r"fault|fallo|averia|averiad|amber|ambar|warning|led\b|piloto|alerta|broken|roto|rota)",
    re.IGNORECASE)


def says_something_wrong(text: str) -> bool:
    return read_urgency(text) is not None or bool(_SIGNS.search(fold(text)))


def asks_without_fault(text: str) -> bool:
    return "?" in text and not says_something_wrong(text)


# "no es averia", "not a fault", "nothing wrong with them", "funcionan bien", "works fine"
_NO_FAULT = re.compile(
    r"\b(?:no\s+(?:es|son|hay)\s+(?:una\s+|ninguna\s+|ningun\s+)?(?:averia|fallo|problema|"
    r"incidencia)s?|no\s+(?:esta|estan)\s+(?:averiad|rot|estropead|parad)[oa]s?|"
    r"(?:isn'?t|aren'?t|not)\s+(?:broken|faulty|down)|sin\s+(?:averias?|fallos?)|(?:not|isn'?t|is\s+not|aren'?t)\s+(?:a\s+)?"
    r"(?:fault|breakdown|repair|problem)s?|nothing(?:'?s|\s+is)?\s+wrong|no\s+(?:fault|"
    r"breakdown)s?|(?:funciona|funcionan|va|van|anda|andan)\s+(?:bien|perfect\w*|de\s+"
    r"maravilla)|(?:works?|working|running|runs?)\s+(?:fine|perfectly|ok|well))\b")


def denies_fault(text: str) -> bool:
    """It says there is no fault, and nothing else in it says one."""
    folded = fold(text)
    if not _NO_FAULT.search(folded):
        return False
    return not says_something_wrong(_NO_FAULT.sub(" ", folded))


# Words without which a message is no request to cancel, whatever the NLU read
_CANCEL_WORD = re.compile(
    r"cancel|anul|no hace falta|ya no (hace falta|es necesari|necesit)|no (vengais|venga|"
    r"vengan|envieis|mandeis)|no need|olvid|forget|never ?mind|sin efecto|call(ed)? (it )?off|"
    r"desestim|retir|don'?t (come|send|need)|not needed|no longer need", re.IGNORECASE)


def no_cancellation(text: str) -> bool:
    """A message read as a request to cancel that names no cancelling at all and says the
    fault is serious ("Estamos suspendiendo las cirugías de la tarde, necesitamos a alguien
    YA"): it is about the incident getting worse, never a cancellation."""
    return bool(text) and not _CANCEL_WORD.search(fold(text)) and read_urgency(text) in (
        "high", "critical")
